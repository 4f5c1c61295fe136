import { seal, unseal } from './crypto';
import { validatePayload, type Payload } from './records';

/** A document as it travels: the payload in clear (`p`) or sealed (`x`, crypto.ts). */
export type StoredDoc = { _id: string; _rev?: string; p?: unknown; x?: string; _conflicts?: string[] };

/** Payloads into documents and back, sealed with the key when there is one; what comes back is validated (records.ts). */
export class Codec {
  constructor(readonly key: CryptoKey | null) {}

  async encode(payload: Payload): Promise<{ p?: unknown; x?: string }> {
    return this.key ? { x: await seal(this.key, payload) } : { p: payload };
  }

  async decode(doc: StoredDoc): Promise<{ ok: true; payload: Payload } | { ok: false; reason: string }> {
    let value: unknown;
    if (this.key) {
      if (typeof doc.x !== 'string') return { ok: false, reason: 'not encrypted' };
      try {
        value = await unseal(this.key, doc.x);
      } catch {
        return { ok: false, reason: 'cannot be decrypted with this key' };
      }
    } else {
      if (doc.x !== undefined || doc.p === undefined) return { ok: false, reason: 'no readable content' };
      value = doc.p;
    }
    return validatePayload(doc._id, value);
  }
}
