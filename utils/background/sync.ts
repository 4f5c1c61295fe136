import type { MarginDB } from '../db/schema';
import { reconcileSplits } from '../db/entity-splits';
import { drainIndex } from '../db/index-queue';
import { configProblem, originPattern, remoteUrl, type ConfigProblem, type SyncConfig } from '../sync/config';
import { readSyncStatus, STATUS_KEY, SyncEngine, type SyncStatus } from '../sync/engine';

/** What the settings page sees of the configuration: never the password or the passphrase. */
export interface SyncView {
  enabled: boolean;
  url: string;
  database: string;
  user: string;
  hasPassword: boolean;
  encrypted: boolean;
}

export interface StoredSync {
  enabled: boolean;
  config: SyncConfig | null;
}

/** The parts of the extension and PouchDB the controller needs (fakes or memory databases in Node). */
export interface SyncDeps {
  db: MarginDB;
  load(): Promise<StoredSync | undefined>;
  save(value: StoredSync): Promise<void>;
  hasPermission(origin: string): Promise<boolean>;
  remote(config: SyncConfig): PouchDB.Database;
  /** Periodic sync while the browser runs (chrome.alarms: the service worker may sleep between). */
  schedule(on: boolean): void;
  iterations?: number;
}

export type ConfigureOutcome =
  { status: 'saved'; view: SyncView; sync: SyncStatus } | { status: 'invalid'; problem: ConfigProblem } | { status: 'no-permission' };

const EMPTY_VIEW: SyncView = { enabled: false, url: '', database: 'margin', user: '', hasPassword: false, encrypted: false };

export function viewOf(stored: StoredSync | undefined): SyncView {
  const c = stored?.config;
  if (!c) return EMPTY_VIEW;
  return { enabled: !!stored.enabled, url: c.url, database: c.database, user: c.user, hasPassword: !!c.password, encrypted: !!c.passphrase };
}

/**
 * Sync in the background: one round at a time (a request during a round runs one more round
 * after it), "soon" after local changes (debounced), periodically by alarm, and on "Sync now".
 */
export class SyncController {
  private running: Promise<SyncStatus> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: SyncDeps) {}

  async view(): Promise<SyncView> {
    return viewOf(await this.deps.load());
  }

  /**
   * Save settings (an empty password or passphrase keeps the stored one unless `clear` says
   * otherwise) and switch sync on, or off with `null`. The page has already asked for the
   * server's origin (permissions.request needs the reader's click).
   */
  async configure(input: (Partial<SyncConfig> & { keepSecrets?: boolean }) | null): Promise<ConfigureOutcome> {
    const stored = await this.deps.load();
    if (!input) {
      // The sync state stays (issue 21): it is what was really sent, so turning
      // sync on again resumes from it — an edit made meanwhile is the next version, not a conflict
      // with itself, and a deletion made meanwhile is sent. Another server or database starts afresh.
      await this.deps.save({ enabled: false, config: stored?.config ?? null });
      this.deps.schedule(false);
      return { status: 'saved', view: viewOf(await this.deps.load()), sync: await readSyncStatus(this.deps.db) };
    }
    const previous = stored?.config;
    const keep = input.keepSecrets !== false;
    const config: SyncConfig = {
      url: (input.url ?? previous?.url ?? '').trim(),
      database: (input.database ?? previous?.database ?? 'margin').trim(),
      user: (input.user ?? previous?.user ?? '').trim(),
      password: input.password || (keep ? (previous?.password ?? '') : ''),
      passphrase: input.passphrase !== undefined && (input.passphrase || !keep) ? input.passphrase : (previous?.passphrase ?? ''),
    };
    const problem = configProblem(config);
    if (problem) return { status: 'invalid', problem };
    if (!(await this.deps.hasPermission(originPattern(config.url)))) return { status: 'no-permission' };
    await this.deps.save({ enabled: true, config });
    this.deps.schedule(true);
    return { status: 'saved', view: viewOf({ enabled: true, config }), sync: await this.syncNow() };
  }

  /** Run a round now (or after the one running); answers the status it left. */
  async syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } finally {
        this.running = null;
      }
      return readSyncStatus(this.deps.db);
    })();
    return this.running;
  }

  /** Local records changed: sync in a few seconds, once for a burst of changes. */
  soon(delayMs = 3000): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void (async () => {
        const stored = await this.deps.load();
        if (stored?.enabled && (await this.deps.db.syncOutbox.count()) > 0) await this.syncNow();
      })().catch(() => {});
    }, delayMs);
  }

  private async round(): Promise<void> {
    const stored = await this.deps.load();
    const config = stored?.config;
    if (!stored?.enabled || !config) return;
    if (!(await this.deps.hasPermission(originPattern(config.url)))) {
      const now = Date.now();
      const status = await readSyncStatus(this.deps.db);
      await this.deps.db.settings.put({
        key: STATUS_KEY,
        value: { ...status, lastAttempt: now, error: { kind: 'no-permission', detail: 'Margin may not reach the server' } } satisfies SyncStatus,
      });
      return;
    }
    const engine = new SyncEngine(this.deps.db, {
      remote: () => this.deps.remote(config),
      remoteName: `${remoteUrl(config)}|${config.user}`,
      passphrase: config.passphrase || undefined,
      iterations: this.deps.iterations,
    });
    await engine.run();
    // Splits that arrived with the entity corrections apply to the articles here too (entity-splits.ts).
    await reconcileSplits(this.deps.db).catch((error: unknown) => console.warn('Margin: splits not applied', error));
    // What a large first round wrote without its index (index-queue.ts) is indexed after it, not during it.
    void drainIndex(this.deps.db).catch((error: unknown) => console.warn('Margin: index not built yet', error));
  }
}
