// Bundled into a page of headless Chromium served by the local test server (tests/bench/photos.ts):
// the extension's own extraction, photo choice, fetching, shrinking and keeping, timed in the
// engine they run in, against a real IndexedDB.
import { capturePage } from '../../utils/extract/capture';
import { finishArticle } from '../../utils/extract/finish';
import { photoCandidates, photoKey } from '../../utils/extract/photos';
import { ArticleRepository } from '../../utils/db/articles';
import { PhotoStore, PHOTO_BUDGET } from '../../utils/db/photos';
import { MarginDB } from '../../utils/db/schema';
import { fetchPhotos } from '../../utils/page/photos';

const db = new MarginDB('photo-bench');
const articles = new ArticleRepository(db);
// The bench measures what one article costs: the library-wide budget is not what it is about.
const store = new PhotoStore(db, { perArticle: PHOTO_BUDGET.perArticle, total: Number.MAX_SAFE_INTEGER });

interface Candidate {
  key: string;
  url: string;
  width: number;
  height: number;
  declared: boolean;
}

let current: { id: string; candidates: Candidate[] } | null = null;

/** The size a picture states (attributes, or its widest srcset choice with the attributes' ratio). */
function stated(img: HTMLImageElement | undefined): { width: number; height: number } | null {
  if (!img) return null;
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  if (w >= 100 && h >= 100) return { width: w, height: h };
  const widths = [...(img.getAttribute('srcset') ?? '').matchAll(/\s(\d+)w/g)].map((m) => Number(m[1]));
  if (widths.length) {
    const widest = Math.min(2000, Math.max(...widths));
    return { width: widest, height: Math.round(widest * (w >= 100 && h >= 100 ? h / w : 2 / 3)) };
  }
  return null;
}

/** Extract and save one page (the time saving takes today), and list its photos with the sizes they state. */
async function save(html: string, url: string) {
  const started = performance.now();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  const result = finishArticle(capturePage(doc, url));
  if (!result.ok) return null;
  const record = await articles.save(result.article);
  const saveMs = performance.now() - started;
  const body = new DOMParser().parseFromString(record.contentHtml, 'text/html');
  const byKey = new Map([...body.querySelectorAll('img')].map((img) => [photoKey(img.getAttribute('src'), img.getAttribute('srcset')), img] as const));
  const candidates = photoCandidates(record.contentHtml, record.url).map((c): Candidate => {
    const size = stated(byKey.get(c.key));
    return { ...c, width: size?.width ?? 1200, height: size?.height ?? 800, declared: size !== null };
  });
  current = { id: record.id, candidates };
  return { saveMs, candidates: candidates.map(({ width, height, declared }) => ({ width, height, declared })) };
}

/** Fetch, shrink and keep the last saved page's photos, each served at `addresses[i]`. */
async function keep(addresses: string[]) {
  if (!current) throw new Error('nothing saved');
  const { id, candidates } = current;
  const started = performance.now();
  const jobs = candidates.map((c, i) => ({ key: c.key, url: addresses[i]! }));
  const results = await fetchPhotos(jobs, { credentials: 'same-origin' }, PHOTO_BUDGET.perArticle);
  const kept = results.flatMap((r) => (r.ok ? [{ key: r.key, blob: r.blob, width: r.width, height: r.height, originalBytes: r.originalBytes }] : []));
  const missing = results.flatMap((r) => (r.ok ? [] : [{ key: r.key, reason: r.reason }]));
  const set = await store.keep(id, kept, missing);
  const keepMs = performance.now() - started;
  const served = results.reduce((sum, r) => sum + (r.ok ? r.originalBytes : 0), 0);
  return {
    keepMs,
    kept: set.kept,
    bytes: set.bytes,
    originalBytes: set.originalBytes,
    served,
    missing: set.missing.map((m) => m.reason),
    types: kept.map((k) => k.blob.type),
  };
}

/** A photo-like JPEG as a news site's CDN serves one (gradients, soft shapes, grain; quality 0.85), base64. */
async function makeJpeg(width: number, height: number, seed: number): Promise<string> {
  let state = seed || 1;
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const sky = ctx.createLinearGradient(0, 0, width, height);
  sky.addColorStop(0, `hsl(${random() * 360} 45% 55%)`);
  sky.addColorStop(1, `hsl(${random() * 360} 40% 35%)`);
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 40; i++) {
    const x = random() * width;
    const y = random() * height;
    const r = (0.02 + random() * 0.25) * Math.max(width, height);
    const blob = ctx.createRadialGradient(x, y, 0, x, y, r);
    blob.addColorStop(0, `hsla(${random() * 360} 60% ${30 + random() * 40}% / 0.8)`);
    blob.addColorStop(1, 'hsla(0 0% 50% / 0)');
    ctx.fillStyle = blob;
    ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  for (let i = 0; i < 200; i++) {
    ctx.strokeStyle = `hsla(${random() * 360} 30% ${random() * 100}% / 0.5)`;
    ctx.lineWidth = 1 + random() * 3;
    ctx.beginPath();
    ctx.moveTo(random() * width, random() * height);
    ctx.lineTo(random() * width, random() * height);
    ctx.stroke();
  }
  const image = ctx.getImageData(0, 0, width, height);
  for (let i = 0; i < image.data.length; i += 4) {
    const grain = (random() - 0.5) * 18;
    image.data[i]! += grain;
    image.data[i + 1]! += grain;
    image.data[i + 2]! += grain;
  }
  ctx.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

Object.assign(window, { marginPhotoBench: { save, keep, makeJpeg } });
