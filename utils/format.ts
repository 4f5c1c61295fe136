/**
 * Dates as the reader's locale writes them ("2025년 1월 28일 오후 11:21",
 * "28 January 2025 at 23:21"). Date-only values are shown without a time, and never
 * shifted across midnight by the reader's time zone.
 */
export function formatDateTime(value: string | number | null | undefined, locale: string, timeZone?: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = typeof value === 'number' ? new Date(value) : new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : null;
  try {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      ...(dateOnly ? { timeZone: 'UTC' } : { timeStyle: 'short', timeZone }),
    }).format(date);
  } catch {
    return date.toISOString();
  }
}
