import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorMessage } from '../utils/async';
import type { SyncView } from '../utils/background/sync';
import type { MarginDB } from '../utils/db/schema';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage, type MessageKey } from '../utils/i18n';
import { sendMessage } from '../utils/background/messages';
import { configProblem, originPattern, type ConfigProblem } from '../utils/sync/config';
import type { SyncErrorKind } from '../utils/sync/errors';
import { readSyncLog, readSyncStatus, type SyncLogEntry } from '../utils/sync/status';
import { useLiveQuery } from './hooks/useLiveQuery';
import { MenuButton } from './library/MenuButton';
import type { MenuState } from './library/LibraryMenus';

const ERRORS: Record<SyncErrorKind, MessageKey> = {
  unreachable: 'syncErrorUnreachable',
  auth: 'syncErrorAuth',
  forbidden: 'syncErrorForbidden',
  refused: 'syncErrorRefused',
  missing: 'syncErrorMissing',
  quota: 'syncErrorQuota',
  server: 'syncErrorServer',
  'needs-passphrase': 'syncErrorNeedsPassphrase',
  'wrong-passphrase': 'syncErrorWrongPassphrase',
  'not-encrypted': 'syncErrorNotEncrypted',
  'not-margin': 'syncErrorNotMargin',
  'no-permission': 'syncErrorNoPermission',
  failed: 'syncErrorFailed',
};

const PROBLEMS: Record<ConfigProblem, MessageKey> = {
  url: 'syncInvalidUrl',
  insecure: 'syncInvalidInsecure',
  database: 'syncInvalidDatabase',
  user: 'syncInvalidUser',
};

export const syncErrorText = (kind: SyncErrorKind, detail = '') => t(ERRORS[kind] ?? 'syncErrorFailed', detail);

function logText(entry: SyncLogEntry): string {
  const detail = entry.detail ?? '';
  switch (entry.kind) {
    case 'received':
      return t('syncLogReceived', String(entry.count ?? 0));
    case 'sent':
      return t('syncLogSent', String(entry.count ?? 0));
    case 'conflict':
      return t('syncLogConflict', detail);
    case 'kept-edit':
      return t('syncLogKeptEdit');
    case 'rejected':
      return t('syncLogRejected', detail);
    case 'replayed':
      return t('syncLogReplayed', detail);
    case 'quarantined':
      return t('syncLogQuarantined', detail);
    case 'removed':
      return t('syncLogRemoved', detail);
    case 'error':
      return t('syncLogError', syncErrorText(detail as SyncErrorKind, detail));
  }
}

/**
 * Settings → Sync (issue 10): the reader's server, database, user, password and optional
 * passphrase; "Save and sync" asks for that server's origin (in the reader's click, as
 * browsers require) and hands the settings to the background, which keeps them in the
 * extension's storage. The status line and the log are read live from the database.
 */
export function SyncSettings({ db, menu }: { db: MarginDB; menu: MenuState }) {
  const [view, setView] = useState<SyncView | null>(null);
  const [form, setForm] = useState({ url: '', database: 'margin', user: '', password: '', passphrase: '' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const status = useLiveQuery(() => readSyncStatus(db), [db]);
  const log = useLiveQuery(() => readSyncLog(db), [db]) ?? [];
  const language = uiLanguage();

  // Fields the reader has typed in: the stored settings, read after the menu opens, never replace them.
  const typed = useRef(new Set<string>());

  useEffect(() => {
    sendMessage('getSync').then(
      (v) => {
        setView(v);
        const stored = { url: v.url, database: v.database || 'margin', user: v.user };
        setForm((f) => ({ ...f, ...Object.fromEntries(Object.entries(stored).filter(([key]) => !typed.current.has(key))) }));
      },
      () => {},
    );
  }, []);

  const save = async () => {
    setMessage(null);
    const problem = configProblem({ ...form, password: form.password || 'kept' });
    if (problem) {
      setMessage(t(PROBLEMS[problem]));
      return;
    }
    setBusy(true);
    try {
      // Asked here, in the click: this server's origin only.
      if (!(await browser.permissions.request({ origins: [originPattern(form.url)] }))) {
        setMessage(t('syncErrorNoPermission'));
        return;
      }
      const result = await sendMessage('configureSync', { config: { ...form, keepSecrets: true } });
      if (result.status === 'invalid') setMessage(t(PROBLEMS[result.problem]));
      else if (result.status === 'no-permission') setMessage(t('syncErrorNoPermission'));
      else {
        setView(result.view);
        setForm((f) => ({ ...f, password: '', passphrase: '' }));
      }
    } catch (error) {
      setMessage(t('syncErrorFailed', errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };

  const syncNow = async () => {
    setBusy(true);
    setMessage(null);
    await sendMessage('syncNow')
      .catch((error: unknown) => setMessage(t('syncErrorFailed', errorMessage(error))))
      .finally(() => setBusy(false));
  };

  const turnOff = async () => {
    setBusy(true);
    try {
      const result = await sendMessage('configureSync', { config: null });
      if (result.status === 'saved') setView(result.view);
      setMessage(t('syncOffDone'));
    } catch (error) {
      setMessage(t('syncErrorFailed', errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof typeof form, label: MessageKey, type: 'text' | 'url' | 'password' = 'text', placeholder?: string) => {
    const common = {
      value: form[key],
      placeholder,
      autoComplete: type === 'password' ? 'new-password' : 'off',
      spellcheck: false,
      onInput: (e: Event) => {
        typed.current.add(key);
        setForm((f) => ({ ...f, [key]: (e.target as HTMLInputElement).value }));
      },
      'data-sync-field': key,
    };
    return (
      <label class="sync-field">
        <span>{t(label)}</span>
        {type === 'password' ? <input type="password" {...common} /> : type === 'url' ? <input type="url" {...common} /> : <input type="text" {...common} />}
      </label>
    );
  };

  const enabled = !!view?.enabled;
  const line = !enabled
    ? t('syncStatusOff')
    : busy
      ? t('syncRunning')
      : [
          status?.lastSynced ? t('syncStatusLast', formatDateTime(status.lastSynced, language) ?? '') : t('syncStatusNever'),
          status?.pending ? t('syncStatusPending', String(status.pending)) : '',
        ]
          .filter(Boolean)
          .join(' ');

  return (
    <MenuButton
      {...menu}
      class="sync-menu"
      testId="sync"
      buttonClass="button-quiet"
      label={`${t('syncLabel')}${enabled && status?.error ? ' ⚠' : ''}`}
      title={t('syncLabel')}
      popoverClass="sync-options"
    >
      <p class="setting-help">{t('syncIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field('url', 'syncServer', 'url', 'https://couch.example.org')}
        {field('database', 'syncDatabase')}
        {field('user', 'syncUser')}
        {field('password', 'syncPassword', 'password', view?.hasPassword ? t('syncSecretKept') : undefined)}
        {field('passphrase', 'syncPassphrase', 'password', view?.encrypted ? t('syncSecretKept') : undefined)}
        <p class="setting-help">{t('syncPassphraseHelp')}</p>
        <p class="setting-help">{t('syncSecretsHelp')}</p>
        <div class="sync-buttons">
          <button type="submit" class="button" disabled={busy} data-action="sync-save">
            {t('syncSave')}
          </button>
          {enabled && (
            <button type="button" class="button button-quiet" disabled={busy} onClick={() => void syncNow()} data-action="sync-now">
              {t('syncNow')}
            </button>
          )}
          {enabled && (
            <button type="button" class="button button-quiet" disabled={busy} onClick={() => void turnOff()} data-action="sync-off">
              {t('syncOff')}
            </button>
          )}
        </div>
      </form>
      <p class="sync-status" role="status" data-testid="sync-status">
        {line}
      </p>
      {enabled && status?.error && (
        <p class="sync-error" role="alert" data-testid="sync-error" data-kind={status.error.kind}>
          {syncErrorText(status.error.kind, status.error.detail)}
        </p>
      )}
      {message && (
        <p class="sync-error" role="alert" data-testid="sync-message">
          {message}
        </p>
      )}
      {log.length > 0 && (
        <section class="sync-log">
          <h2>{t('syncLogTitle')}</h2>
          <ul data-testid="sync-log">
            {log.slice(0, 30).map((entry, i) => (
              <li key={`${entry.at}-${i}`} data-kind={entry.kind}>
                <time>{formatDateTime(entry.at, language)}</time> {logText(entry)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </MenuButton>
  );
}
