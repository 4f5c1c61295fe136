import { useMemo, useState } from 'preact/hooks';
import type { HighlightRecord } from '../utils/db/schema';
import { affectedHighlights, type HighlightChange } from '../utils/db/versions';
import { formatDateTime } from '../utils/format';
import { t, tn, uiLanguage, type MessageKey } from '../utils/i18n';
import { diffText } from '../utils/text/diff';
import type { ArticleVersionRecord } from '../utils/db/versions';

const CHANGE_LABEL: Record<HighlightChange, MessageKey> = { moved: 'updatedMoved', changed: 'updatedChanged', gone: 'updatedGone' };

interface Props {
  /** The article's earlier versions, oldest first (at least one). */
  versions: readonly ArticleVersionRecord[];
  /** The saved copy's text now (the latest the reader has seen). */
  text: string;
  highlights: readonly HighlightRecord[];
}

/**
 * "Updated since you saved it" (issue 24): shown above an article whose text changed since it was
 * first saved (a revisit found other text and kept the earlier one, utils/db/versions.ts). Says
 * when, how many paragraphs were added, removed and changed, which of the reader's highlights the
 * change touched, and on request shows the changes, word by word inside a changed paragraph.
 */
export function UpdateDetails({ versions, text, highlights }: Props) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const base = versions.find((v) => v.from === chosen) ?? versions[0];
  const diff = useMemo(() => (base ? diffText(base.textContent, text) : null), [base, text]);
  const affected = useMemo(() => (base ? affectedHighlights(base.textContent, text, highlights) : []), [base, text, highlights]);
  if (!base || !diff) return null;
  const language = uiLanguage();
  const date = (ms: number) => formatDateTime(ms, language) ?? '';
  const current = versions.at(-1)!.until;
  return (
    <section class="notice update-notice" role="status" data-testid="update-notice">
      <p class="update-title">
        <strong>{t('updatedNotice')}</strong> · {t('updatedDates', [date(base.from), date(current)])}
      </p>
      <p class="update-summary">{t('updatedSummary', [String(diff.added), String(diff.removed), String(diff.changed)])}</p>
      {affected.length > 0 && (
        <div class="update-affected">
          <p>{t('updatedHighlightsAffected')}</p>
          <ul data-testid="update-affected">
            {affected.map(({ highlight, change }) => (
              <li key={highlight.id} data-change={change} data-hl={highlight.id}>
                <span class={`update-change update-${change}`}>{t(CHANGE_LABEL[change])}</span> “{highlight.quote}”
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="update-actions">
        {versions.length > 1 && (
          <label>
            {t('updatedCompareWith')}{' '}
            <select value={String(base.from)} onChange={(e) => setChosen(Number((e.target as HTMLSelectElement).value))}>
              {versions.map((v) => (
                <option key={v.id} value={String(v.from)}>
                  {t('updatedVersionOf', date(v.from))}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" class="toolbar-text" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-action="show-diff">
          {open ? t('updatedHide') : t('updatedShow')}
        </button>
      </div>
      {open && (
        <div class="update-diff" data-testid="update-diff">
          {diff.paragraphs.map((p, i) => {
            if (p.kind === 'same') return null;
            if (p.kind === 'added')
              return (
                <p key={i} class="diff-added" data-kind="added">
                  <span class="diff-label">{t('updatedAdded')}: </span>
                  <ins>{p.text}</ins>
                </p>
              );
            if (p.kind === 'removed')
              return (
                <p key={i} class="diff-removed" data-kind="removed">
                  <span class="diff-label">{t('updatedRemoved')}: </span>
                  <del>{p.text}</del>
                </p>
              );
            return (
              <p key={i} class="diff-changed" data-kind="changed">
                <span class="diff-label">{t('updatedEdited')}: </span>
                {p.parts.map((part, k) =>
                  part.added ? <ins key={k}>{part.text}</ins> : part.removed ? <del key={k}>{part.text}</del> : <span key={k}>{part.text}</span>,
                )}
              </p>
            );
          })}
          <p class="update-same">{tn('updatedUnchangedCount', diff.paragraphs.filter((p) => p.kind === 'same').length)}</p>
        </div>
      )}
    </section>
  );
}
