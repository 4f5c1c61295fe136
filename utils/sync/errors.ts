/**
 * What went wrong with sync, in kinds the reader's status line can say in words
 * (components/SyncSettings.tsx has the English and Korean for each).
 */
export type SyncErrorKind =
  | 'unreachable'
  | 'auth'
  | 'forbidden'
  | 'refused'
  | 'missing'
  | 'quota'
  | 'server'
  | 'needs-passphrase'
  | 'wrong-passphrase'
  | 'not-encrypted'
  | 'not-margin'
  | 'no-permission'
  | 'failed';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

function isQuota(error: unknown): boolean {
  type Chained = { name?: unknown; inner?: unknown; reason?: unknown };
  for (let e = error as Chained | null | undefined; e; e = e.inner as Chained | undefined) {
    if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  }
  return false;
}

/** A PouchDB, fetch or IndexedDB error as a SyncError. */
export function describeSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const e = (error ?? {}) as { status?: unknown; name?: unknown; message?: unknown; reason?: unknown; error?: unknown; result?: { errors?: unknown[] } };
  // PouchDB's replicator wraps the first failure.
  const first = e.result?.errors?.[0];
  if (first && !e.status) return describeSyncError(first);
  const text = [e.name, e.error, e.reason, e.message].filter((x) => typeof x === 'string').join(': ');
  if (isQuota(error) || /quota|insufficient storage/i.test(text) || e.status === 507 || e.status === 413)
    return new SyncError('quota', text || 'No room left on the server or on this device.');
  if (e.status === 401) return new SyncError('auth', text || 'Unauthorized');
  if (e.status === 403) return new SyncError('forbidden', text || 'Forbidden');
  if (e.status === 404) return new SyncError('missing', text || 'Database not found');
  if (typeof e.status === 'number' && e.status >= 500) return new SyncError('server', text || `Server error ${e.status}`);
  if (/unexpected token|json|syntaxerror/i.test(text)) return new SyncError('server', text);
  if (!e.status || /fetch|network|ECONNREFUSED|abort|timeout|socket|Failed to fetch/i.test(text))
    return new SyncError('unreachable', text || 'The server did not answer.');
  return new SyncError('failed', text || 'Sync failed');
}
