import type { EntityType } from '../utils/entities/types';
import { t } from '../utils/i18n';
import { KINDS } from './entity-kinds';

interface Props {
  counts: Map<EntityType, number>;
  hidden: Set<EntityType>;
  onToggle: (type: EntityType) => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
}

/** The kinds marked in the article with their counts; each can be switched off and on. */
export function EntityLegend({ counts, hidden, onToggle, panelOpen, onTogglePanel }: Props) {
  const kinds = KINDS.filter((k) => counts.get(k.type));
  return (
    <div class="legend" role="toolbar" aria-label={t('legendLabel')} data-testid="legend">
      {kinds.map(({ type, label }) => {
        const on = !hidden.has(type);
        return (
          <button
            type="button"
            key={type}
            class={`chip chip-${type}`}
            aria-pressed={on}
            title={t('legendToggle', t(label))}
            data-kind={type}
            onClick={() => onToggle(type)}
          >
            <span class={`swatch ent-${type}`} aria-hidden="true" />
            {t(label)}
            <span class="chip-count">{counts.get(type)}</span>
          </button>
        );
      })}
      <button
        type="button"
        class="chip chip-list"
        aria-expanded={panelOpen}
        title={t('entitiesButtonTitle')}
        onClick={onTogglePanel}
        data-testid="entities-button"
      >
        {t('entitiesButton')}
      </button>
    </div>
  );
}
