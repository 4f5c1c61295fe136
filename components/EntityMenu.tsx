import type { EntityType } from '../utils/entities/types';
import { t } from '../utils/i18n';
import { KINDS, kindLabel } from './entity-kinds';

export interface MenuTarget {
  /** The name the menu is about (a mark's text, or the reader's selection). */
  name: string;
  /** The kind it is marked as now; absent for a fresh selection. */
  type?: EntityType;
  /** Whether the reader corrected this name before. */
  corrected: boolean;
  x: number;
  y: number;
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
  return (
    <div
      class="entity-menu"
      role="dialog"
      aria-label={target.type ? t('entityMenuTitle', [t(kindLabel(target.type)), target.name]) : t('markSelectionAs')}
      style={{ left: `${target.x}px`, top: `${target.y}px` }}
      data-testid="entity-menu"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <p class="menu-title">{target.type ? t('entityMenuTitle', [t(kindLabel(target.type)), target.name]) : `${t('markSelectionAs')} · ${target.name}`}</p>
      {target.type && (
        <button type="button" class="menu-item" onClick={onRemove} data-action="remove">
          {t('entityNotEntity')}
        </button>
      )}
      {target.type && <p class="menu-label">{t('entityChangeKind')}</p>}
      <div class="menu-kinds">
        {kinds.map(({ type, label }) => (
          <button type="button" key={type} class={`chip chip-${type}`} onClick={() => onSet(type)} data-kind={type}>
            <span class={`swatch ent-${type}`} aria-hidden="true" />
            {t(label)}
          </button>
        ))}
      </div>
      {target.corrected && (
        <button type="button" class="menu-item menu-undo" onClick={onUndo} data-action="undo">
          {t('entityUndo')}
        </button>
      )}
    </div>
  );
}
