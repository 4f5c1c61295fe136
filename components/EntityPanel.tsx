import type { EntityGroup } from '../utils/entities/summary';
import type { EntityType } from '../utils/entities/types';
import { t } from '../utils/i18n';
import { KINDS } from './entity-kinds';

interface Props {
  groups: Map<EntityType, EntityGroup[]>;
  hidden: Set<EntityType>;
  onPick: (group: EntityGroup) => void;
  onClose: () => void;
}

/**
 * The distinct entities of the article by kind, with mention counts (a short form counts for the
 * fuller name it stands for); a click goes to the next mention.
 */
export function EntityPanel({ groups, hidden, onPick, onClose }: Props) {
  return (
    <aside class="entity-panel" aria-label={t('entitiesPanelTitle')} data-testid="entity-panel">
      <header class="panel-head">
        <h2>{t('entitiesPanelTitle')}</h2>
        <button type="button" class="icon-button" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ×
        </button>
      </header>
      {groups.size === 0 && <p class="panel-empty">{t('entitiesNone')}</p>}
      {KINDS.filter((k) => groups.has(k.type) && !hidden.has(k.type)).map(({ type, label }) => (
        <section key={type} class="panel-group">
          <h3>
            <span class={`swatch ent-${type}`} aria-hidden="true" />
            {t(label)}
          </h3>
          <ul>
            {groups.get(type)!.map((group) => (
              <li key={group.key}>
                <button
                  type="button"
                  class="panel-entity"
                  data-kind={type}
                  data-name={group.text}
                  data-entity={group.key}
                  title={t('mentionsTitle', String(group.spans.length))}
                  onClick={() => onPick(group)}
                >
                  <span class="panel-name">{group.text}</span>
                  <span class="panel-count">{t('mentions', String(group.spans.length))}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
