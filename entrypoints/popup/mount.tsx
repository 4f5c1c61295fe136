import { render } from 'preact';
import type { ArticleAnswer, Surface } from '../../components/article-request';
import { ReaderApp } from '../../components/ReaderApp';
import { t, uiLanguage } from '../../utils/i18n';

/** The reader in the popup (once its first request is on its way, main.tsx) or the side panel. */
export function mount({
  surface,
  tabId,
  initial,
  classes,
}: {
  surface: Surface;
  tabId: number | undefined;
  initial: Promise<ArticleAnswer> | undefined;
  /** Classes of the root element: `standalone` when opened as a page of its own, `panel` in the side panel. */
  classes: string[];
}): void {
  document.documentElement.lang = uiLanguage();
  document.title = t('extName');
  document.documentElement.classList.add(...classes);
  render(<ReaderApp surface={surface} tabId={tabId} initial={initial} />, document.getElementById('app')!);
}
