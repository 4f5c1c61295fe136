import type { EntityType } from '../utils/entities/types';
import { t } from '../utils/i18n';
import { KINDS, kindLabel } from './entity-kinds';
import { Popover, type AnchorRect } from './Popover';
import { entityPageUrl } from './entity-links';

// Loaded with the menu (ReaderScreen): what turns a mark or a selection into the name a correction stores.
export { cleanName, nameFromSelection } from '../utils/entities/clean-name';

export interface MenuTarget {
  /** The name the menu is about (a mark's text, or the reader's selection). */
  name: string;
  /** The kind it is marked as now; absent for a fresh selection. */
  type?: EntityType;
  /** Whether the reader corrected this name before. */
  corrected: boolean;
  /** Where it is on screen (the mark, or the selection). */
  anchor: () => AnchorRect | null;
  /** The entity a mark belongs to (entityKey): the menu links to its page across the library. */
  entityKey?: string;
}

interface Props {
  target: MenuTarget;
  onSet: (type: EntityType) => void;
  onRemove: () => void;
  onUndo: () => void;
  onClose: () => void;
}

/** Correct the recogniser: not a name, another kind, or mark a selection as a name. */
export function EntityMenu({ target, onSet, onRemove, onUndo, onClose }: Props) {
  const kinds = KINDS.filter((k) => k.type !== target.type && k.type !== 'misc');
  const title = target.type ? t('entityMenuTitle', [t(kindLabel(target.type)), target.name]) : `${t('markSelectionAs')} · ${target.name}`;
  return (
    <Popover anchor={target.anchor} onClose={onClose} role="dialog" label={title} class="entity-menu" testId="entity-menu" focus="first" closeOnScroll>
      <div class="menu-head">
        <p class="menu-title">{title}</p>
        <button type="button" class="icon-button" aria-label={t('close')} title={t('close')} onClick={onClose} data-action="close">
          ×
        </button>
      </div>
      {target.type && (
        <button type="button" class="menu-item" onClick={onRemove} data-action="remove">
          {t('entityNotEntity')}
        </button>
      )}
      {target.type && <p class="menu-label">{t('entityChangeKind')}</p>}
      <div class="menu-kinds" role="group" aria-label={t('entityChangeKind')}>
        {kinds.map(({ type, label }) => (
          <button type="button" key={type} class={`chip chip-${type}`} onClick={() => onSet(type)} data-kind={type}>
            <span class={`swatch ent-${type}`} aria-hidden="true" />
            {t(label)}
          </button>
        ))}
      </div>
      {target.entityKey && (
        <a class="menu-item" href={entityPageUrl(target.entityKey)} target="_blank" rel="noopener" data-action="entity-page">
          {t('entityOpenPageFromMenu')} ↗
        </a>
      )}
      {target.corrected && (
        <button type="button" class="menu-item menu-undo" onClick={onUndo} data-action="undo">
          {t('entityUndo')}
        </button>
      )}
    </Popover>
  );
}
