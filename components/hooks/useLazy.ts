import { useEffect, useState } from 'preact/hooks';

/**
 * A module the reader pages need only after their first paint (the settings panel, the
 * "updated since you saved it" diff): imported once, when first wanted, and kept. Splitting
 * them out keeps the popup's JavaScript to its shell small (issue 22: ≤ 50 kB gzip).
 */
export function lazyModule<M>(load: () => Promise<M>): { get: () => Promise<M>; loaded: () => M | undefined } {
  let module: M | undefined;
  let loading: Promise<M> | undefined;
  const get = () => (loading ??= load().then((m) => (module = m)));
  return { get, loaded: () => module };
}

/**
 * The module, once `wanted` is true and it has loaded (`undefined` until then). A load that
 * fails is reported once in the console and leaves the part out; the rest of the page works.
 */
export function useLazy<M>(lazy: ReturnType<typeof lazyModule<M>>, wanted = true): M | undefined {
  const [module, setModule] = useState<M | undefined>(lazy.loaded);
  useEffect(() => {
    if (!wanted || module) return;
    let live = true;
    lazy.get().then(
      (m) => live && setModule(() => m),
      (error: unknown) => console.warn('Margin: a part of the page could not be loaded', error),
    );
    return () => {
      live = false;
    };
  }, [lazy, wanted, module]);
  return module;
}
