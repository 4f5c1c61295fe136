/** The reader's sync settings (issue 10), kept in the extension's own storage (chrome.storage.local), never in Margin's database or its exports. */
export interface SyncConfig {
  /** The server's address, e.g. https://couch.example.org:6984 (a path prefix is allowed). */
  url: string;
  database: string;
  user: string;
  password: string;
  /** Empty: records travel in clear (over HTTPS). Otherwise every record is sealed on the device. */
  passphrase: string;
}

export type ConfigProblem = 'url' | 'insecure' | 'database' | 'user';

/** CouchDB's rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

/**
 * What is wrong with a configuration, if anything. Plain http is refused except to this
 * machine (localhost, 127.0.0.1): the password and, without a passphrase, the notes would
 * cross the network in clear — and the pages' CSP allows http to loopback only.
 */
export function configProblem(config: SyncConfig): ConfigProblem | null {
  let url: URL;
  try {
    url = new URL(config.url.trim());
  } catch {
    return 'url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url';
  if (url.username || url.password || url.search || url.hash) return 'url';
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return 'insecure';
  if (!DB_NAME.test(config.database)) return 'database';
  if (!config.user.trim()) return 'user';
  return null;
}

/** The origin pattern Margin asks the reader's permission for: this server only. */
export function originPattern(serverUrl: string): string {
  const url = new URL(serverUrl.trim());
  return `${url.protocol}//${url.hostname}/*`;
}

export function remoteUrl(config: Pick<SyncConfig, 'url' | 'database'>): string {
  return `${config.url.trim().replace(/\/+$/, '')}/${encodeURIComponent(config.database)}`;
}
