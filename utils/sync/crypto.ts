/**
 * End-to-end encryption of synced records (issue 10). A key is derived from the reader's
 * passphrase with PBKDF2-SHA-256 (OWASP's 600,000 iterations by default) over a random salt
 * kept on the server, and every record is sealed with AES-GCM (a fresh 96-bit IV each time)
 * before it enters the replicated database: the server holds ids, revisions and ciphertext.
 * WebCrypto only — the same code runs in the service worker and in Node.
 */

export const KDF_ITERATIONS = 600_000;
/** Sealed with the key and kept on the server, so a wrong passphrase is recognised before anything is read or written. */
export const KEY_CHECK_TEXT = 'margin-key-check-v1';

export interface KeyParams {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function newKeyParams(iterations = KDF_ITERATIONS): KeyParams {
  return { kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
}

export async function deriveKey(passphrase: string, params: KeyParams): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(params.salt), iterations: params.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** base64(IV ‖ AES-GCM ciphertext ‖ tag) of the JSON of `value`. */
export async function seal(key: CryptoKey, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(value))));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

/** The value sealed in `text`; throws when the key is not the one it was sealed with or the text was changed. */
export async function unseal(key: CryptoKey, text: string): Promise<unknown> {
  const bytes = fromBase64(text);
  if (bytes.length < 12 + 16) throw new Error('ciphertext too short');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
  return JSON.parse(decoder.decode(plain)) as unknown;
}

/** Does `key` open the key check sealed by the first device? */
export async function checkKey(key: CryptoKey, check: string): Promise<boolean> {
  try {
    return (await unseal(key, check)) === KEY_CHECK_TEXT;
  } catch {
    return false;
  }
}
