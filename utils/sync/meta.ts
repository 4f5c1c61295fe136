import { checkKey, deriveKey, KEY_CHECK_TEXT, newKeyParams, seal, type KeyParams } from './crypto';
import { describeSyncError, SyncError } from './errors';

/**
 * The server's meta document (issue 10): Margin's format, and with a passphrase the key's
 * parameters and a known text sealed with it, so a wrong passphrase is recognised before
 * anything is read or written. The first device writes it.
 */

export const META_ID = 'margin:meta';

export interface MetaDoc {
  _id: typeof META_ID;
  _rev?: string;
  format: 1;
  encryption: (KeyParams & { check: string }) | null;
}

/** Derived keys of this session, so the slow KDF runs once per passphrase and server, not once per round. */
const keys = new Map<string, Promise<CryptoKey>>();
function cachedKey(passphrase: string, params: KeyParams): Promise<CryptoKey> {
  const id = `${params.salt}|${params.iterations}|${passphrase}`;
  let key = keys.get(id);
  if (!key) {
    key = deriveKey(passphrase, params);
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

/** The meta document and the key it opens (null: records travel in clear); `created`: this device wrote it (a new or emptied database). */
export async function openMeta(
  remote: PouchDB.Database,
  passphrase: string | undefined,
  iterations: number | undefined,
): Promise<{ meta: MetaDoc; key: CryptoKey | null; created?: true }> {
  let meta: MetaDoc | undefined;
  try {
    meta = (await remote.get(META_ID)) as unknown as MetaDoc;
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw describeSyncError(e);
    // Missing document, or missing database?
    try {
      await remote.info();
    } catch (inner) {
      throw describeSyncError(inner);
    }
  }
  if (!meta) {
    let encryption: MetaDoc['encryption'] = null;
    let key: CryptoKey | null = null;
    if (passphrase) {
      const params = newKeyParams(iterations);
      key = await cachedKey(passphrase, params);
      encryption = { ...params, check: await seal(key, KEY_CHECK_TEXT) };
    } else {
      const info = await remote.info().catch((e: unknown) => {
        throw describeSyncError(e);
      });
      if (info.doc_count > 0) throw new SyncError('not-margin', 'This database holds documents that are not Margin’s.');
    }
    const doc: MetaDoc = { _id: META_ID, format: 1, encryption };
    try {
      await remote.put({ ...doc, encryption });
      return { meta: doc, key, created: true };
    } catch (e) {
      // Another device made it first: read theirs.
      if ((e as { status?: number }).status === 409) return openMeta(remote, passphrase, iterations);
      throw describeSyncError(e);
    }
  }
  if (typeof meta !== 'object' || meta.format !== 1) throw new SyncError('not-margin', 'The database was not made by this version of Margin.');
  const enc = meta.encryption;
  if (enc) {
    if (!passphrase) throw new SyncError('needs-passphrase', 'The data on the server is encrypted: enter its passphrase.');
    if (
      enc.kdf !== 'PBKDF2-SHA-256' ||
      typeof enc.salt !== 'string' ||
      !Number.isInteger(enc.iterations) ||
      enc.iterations < 1000 ||
      enc.iterations > 10_000_000
    )
      throw new SyncError('not-margin', 'The server’s key parameters are not valid.');
    const key = await cachedKey(passphrase, enc);
    if (!(await checkKey(key, enc.check))) throw new SyncError('wrong-passphrase', 'The passphrase does not open the data on the server.');
    return { meta, key };
  }
  if (passphrase) throw new SyncError('not-encrypted', 'The data on the server is not encrypted; use a new database for encrypted sync.');
  return { meta, key: null };
}
