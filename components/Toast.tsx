import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../utils/i18n';

export interface Toast {
  text: string;
  /** The toast's one action (Undo unless `action` names another). */
  undo?: () => void;
  action?: string;
}

/** One message at a time at the bottom of the page, gone after `ms` (the reader's and the library's). */
export function useToast(defaultMs: number) {
  const [toast, setToast] = useState<Toast | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (next: Toast, ms = defaultMs) => {
    clearTimeout(timer.current);
    setToast(next);
    timer.current = setTimeout(() => setToast(null), ms);
  };
  const hide = () => {
    clearTimeout(timer.current);
    setToast(null);
  };
  return { toast, show, hide };
}

export function ToastView({ toast, onDone }: { toast: Toast | null; onDone: () => void }) {
  if (!toast) return null;
  return (
    <p class="toast" role="status" data-testid="toast">
      {toast.text}
      {toast.undo && (
        <button
          type="button"
          class="toast-action"
          onClick={() => {
            toast.undo!();
            onDone();
          }}
        >
          {toast.action ?? t('undo')}
        </button>
      )}
    </p>
  );
}
