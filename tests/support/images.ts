import { crc32, deflateSync } from 'node:zlib';

/**
 * Real PNG files made in the tests (issue 22, photos): a photo-like picture — smooth colour
 * gradients, soft shapes and fine grain, which compresses as a photo does, poorly as PNG —
 * of any size. Deterministic for a seed. Browsers decode them as any site's PNG.
 */
export function photoPng(width: number, height: number, seed = 1): Uint8Array<ArrayBuffer> {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const blobs = Array.from({ length: 6 }, () => ({
    x: random() * width,
    y: random() * height,
    r: (0.15 + random() * 0.3) * Math.max(width, height),
    c: [random(), random(), random()],
  }));
  const row = width * 3 + 1;
  const raw = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      let r = 60 + (120 * x) / width;
      let g = 90 + (100 * y) / height;
      let b = 140 - (60 * x) / width;
      for (const blob of blobs) {
        const d = Math.hypot(x - blob.x, y - blob.y) / blob.r;
        if (d < 1) {
          const w = (1 - d) * (1 - d);
          r += w * (blob.c[0]! * 200 - 80);
          g += w * (blob.c[1]! * 200 - 80);
          b += w * (blob.c[2]! * 200 - 80);
        }
      }
      const grain = (random() - 0.5) * 24;
      const at = y * row + 1 + x * 3;
      raw[at] = Math.max(0, Math.min(255, r + grain));
      raw[at + 1] = Math.max(0, Math.min(255, g + grain));
      raw[at + 2] = Math.max(0, Math.min(255, b + grain));
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return concat([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new TextEncoder().encode(type);
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The width and height a PNG's header states. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
