import type { PhotoMiss } from '../db/photos';
import { MIN_PHOTO_SIDE, type PhotoCandidate } from '../extract/photos';

/**
 * Fetch an article's photos and make them smaller (issue 22). Runs where a browser is: in the
 * page's isolated world (entrypoints/photos.ts, injected by the background right after the save,
 * so `cache: 'force-cache'` finds what the page just loaded, and the request is the page's own)
 * and, for photos a site would not let the page's context read, in the background when the
 * reader gave Margin access to all sites. Nothing is sent anywhere: these are reads of the
 * photos the article shows, and the only writes are to Margin's own database.
 *
 * Kept at most 1,280 px on the longest side: the saved copy's column is 42 rem (672 px at the
 * default size), so 1,280 px is sharp on a 2× screen. Re-encoded as WebP at quality 0.75
 * (about JPEG 0.85 to the eye, and ~30% smaller); JPEG 0.8 where the browser cannot write WebP.
 * The original is kept instead when it is no larger than the re-encoding and within 1,280 px.
 */
export const SHRINK = { maxSide: 1280, webpQuality: 0.75, jpegQuality: 0.8 } as const;
/** An original larger than this is not downloaded whole (a 50 MB panorama is no article photo). */
export const MAX_ORIGINAL_BYTES = 15 * 1024 * 1024;
const KEEP_AS_IS = new Set(['image/jpeg', 'image/webp', 'image/png', 'image/avif']);

export type ShrunkPhoto = { blob: Blob; width: number; height: number };

/** Decode and re-encode one photo; 'tiny' when it is smaller than a photo, 'failed' when it is no image. */
export async function shrinkPhoto(original: Blob): Promise<ShrunkPhoto | 'tiny' | 'failed'> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(original);
  } catch {
    return 'failed';
  }
  try {
    const { width, height } = bitmap;
    if (width < MIN_PHOTO_SIDE || height < MIN_PHOTO_SIDE) return 'tiny';
    const scale = Math.min(1, SHRINK.maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = new OffscreenCanvas(w, h);
    const context = canvas.getContext('2d');
    if (!context) return 'failed';
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, w, h);
    let blob = await canvas.convertToBlob({ type: 'image/webp', quality: SHRINK.webpQuality });
    // A browser that cannot write WebP answers PNG, which is larger than the photo was.
    if (blob.type !== 'image/webp') blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: SHRINK.jpegQuality });
    if (scale === 1 && KEEP_AS_IS.has(original.type) && original.size <= blob.size) return { blob: original, width, height };
    return { blob, width: w, height: h };
  } finally {
    bitmap.close();
  }
}

export type PhotoResult =
  { key: string; ok: true; blob: Blob; width: number; height: number; originalBytes: number } | { key: string; ok: false; reason: PhotoMiss };

/**
 * Fetch one photo (from the browser's cache when it has it) and shrink it. A fetch that throws
 * from the page's context is most often a site that does not allow other origins' reads
 * (CORS): `needs-access`, which the background may retry with its own access.
 */
export async function fetchPhoto(job: PhotoCandidate, init: RequestInit): Promise<PhotoResult> {
  let response: Response;
  try {
    response = await fetch(job.url, { cache: 'force-cache', ...init });
  } catch {
    return { key: job.key, ok: false, reason: 'needs-access' };
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (!response.ok || length > MAX_ORIGINAL_BYTES) {
    void response.body?.cancel().catch(() => {});
    return { key: job.key, ok: false, reason: 'failed' };
  }
  let original: Blob;
  try {
    original = await response.blob();
  } catch {
    return { key: job.key, ok: false, reason: 'failed' };
  }
  if (original.size > MAX_ORIGINAL_BYTES) return { key: job.key, ok: false, reason: 'failed' };
  const shrunk = await shrinkPhoto(original);
  if (shrunk === 'tiny' || shrunk === 'failed') return { key: job.key, ok: false, reason: shrunk };
  return { key: job.key, ok: true, ...shrunk, originalBytes: original.size };
}

/**
 * Fetch and shrink photos, a few at a time, in the order given, stopping once `budget` bytes
 * are kept (the rest would be over the article's share anyway).
 */
export async function fetchPhotos(jobs: readonly PhotoCandidate[], init: RequestInit, budget: number, parallel = 4): Promise<PhotoResult[]> {
  const results: PhotoResult[] = new Array(jobs.length);
  let next = 0;
  let kept = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      if (kept >= budget) {
        results[i] = { key: job.key, ok: false, reason: 'article-budget' };
        continue;
      }
      const result = await fetchPhoto(job, init);
      if (result.ok) kept += result.blob.size;
      results[i] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  return results;
}

/** A photo as the page's context hands it to the background (script results must be plain data). */
export type PhotoTransfer =
  { key: string; ok: true; data: string; type: string; width: number; height: number; originalBytes: number } | { key: string; ok: false; reason: PhotoMiss };

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromTransfer(photo: Extract<PhotoTransfer, { ok: true }>): Blob {
  const binary = atob(photo.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: photo.type });
}

/** What runs in the page's context: the page's own requests (same-origin credentials, as the page made them). */
export async function keepPhotosInPage(jobs: readonly PhotoCandidate[], budget: number): Promise<PhotoTransfer[]> {
  const results = await fetchPhotos(jobs, { credentials: 'same-origin' }, budget);
  return Promise.all(
    results.map(async (r): Promise<PhotoTransfer> =>
      r.ok ? { key: r.key, ok: true, data: await toBase64(r.blob), type: r.blob.type, width: r.width, height: r.height, originalBytes: r.originalBytes } : r,
    ),
  );
}
