export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: number[]) => quantile(values, 0.5);
export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Time one call in milliseconds (high resolution). */
export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
