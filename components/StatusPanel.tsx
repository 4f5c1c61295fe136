import type { ComponentChildren } from 'preact';
import { t } from '../utils/i18n';

interface Props {
  tone: 'info' | 'problem';
  title: string;
  body: string;
  detail?: string;
  onRetry?: () => void;
  children?: ComponentChildren;
}

/** A full-panel message: what happened and what the reader can do about it. */
export function StatusPanel({ tone, title, body, detail, onRetry, children }: Props) {
  return (
    <section class={`status status-${tone}`} role={tone === 'problem' ? 'alert' : 'status'} data-testid="status">
      <div class="status-icon" aria-hidden="true">
        {tone === 'problem' ? '!' : 'i'}
      </div>
      <h1 class="status-title">{title}</h1>
      <p class="status-body">{body}</p>
      {children}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
      {detail && (
        <details class="status-detail">
          <summary>{t('details')}</summary>
          <code>{detail}</code>
        </details>
      )}
    </section>
  );
}

export function LoadingPanel({ slow }: { slow: boolean }) {
  return (
    <section class="loading" role="status" aria-live="polite" data-testid="loading">
      <div class="skeleton skeleton-title" />
      <div class="skeleton skeleton-meta" />
      <div class="skeleton" />
      <div class="skeleton" />
      <div class="skeleton skeleton-short" />
      <p class="loading-text">{slow ? t('loadingSlow') : t('loading')}</p>
    </section>
  );
}
