import type { ExportFormat } from '../../utils/export/build';
import { formatCount, t, tn, uiLanguage } from '../../utils/i18n';
import { formatDateTime } from '../../utils/format';
import { TRASH_DAYS } from '../../utils/db/trash';
import { MenuButton } from './MenuButton';

/** Open, toggled and closed by the library, which keeps one menu open at a time. */
export interface MenuState {
  open: boolean;
  onToggle: () => void;
  onClose: () => void;
}

/** Export the filtered articles or everything, as Markdown (Obsidian), CSV (for Readwise, or for a spreadsheet) or JSON-LD. */
export function ExportMenu({
  entityLinks,
  onEntityLinks,
  onExport,
  menu,
}: {
  menu: MenuState;
  entityLinks: boolean;
  onEntityLinks: (on: boolean) => void;
  onExport: (format: ExportFormat, scope: 'all' | 'filter') => void;
}) {
  return (
    <MenuButton {...menu} class="export-menu" testId="export" label={t('exportLabel')} title={t('exportLabel')} popoverClass="export-options">
      {(['filter', 'all'] as const).map((scope) => (
        <div key={scope} class="export-scope">
          <p>{scope === 'all' ? t('exportScopeAll') : t('exportScopeFilter')}</p>
          {(
            [
              ['md', 'exportMarkdown'],
              ['csv', 'exportReadwiseCsv'],
              ['sheet', 'exportSpreadsheetCsv'],
              ['json', 'exportJson'],
            ] as const
          ).map(([format, label]) => (
            <button
              type="button"
              key={format}
              class="menu-item"
              onClick={() => {
                menu.onClose();
                onExport(format, scope);
              }}
              data-export={`${format}-${scope}`}
            >
              {t(label)}
            </button>
          ))}
        </div>
      ))}
      <label class="setting">
        <input type="checkbox" checked={entityLinks} onChange={(e) => onEntityLinks((e.target as HTMLInputElement).checked)} />
        {t('entityLinksOption')}
      </label>
    </MenuButton>
  );
}

export interface TrashItem {
  id: string;
  title: string;
  url: string;
  deletedAt: number;
  highlights: number;
}

/** Deleted articles, restorable for TRASH_DAYS days. */
export function TrashMenu({ items, onRestore, menu }: { items: TrashItem[]; onRestore: (id: string) => void; menu: MenuState }) {
  const language = uiLanguage();
  return (
    <MenuButton
      {...menu}
      class="export-menu trash-menu"
      testId="trash"
      buttonClass="button-quiet"
      label={t('trashLabel', String(items.length))}
      title={t('trashLabel', String(items.length))}
      popoverClass="export-options"
    >
      <p>{t('trashHint', String(TRASH_DAYS))}</p>
      <ul class="trash-list">
        {items.map((item) => (
          <li key={item.id} data-testid="trash-item">
            <p class="trash-title">{item.title || item.url}</p>
            <p class="card-meta">{tn('trashItemMeta', item.highlights, [formatDateTime(item.deletedAt, language) ?? '', formatCount(item.highlights)])}</p>
            <button type="button" class="menu-item" onClick={() => onRestore(item.id)} data-action="restore-article">
              {t('restoreArticle')}
            </button>
          </li>
        ))}
      </ul>
    </MenuButton>
  );
}
