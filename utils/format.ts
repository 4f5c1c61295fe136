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

/**
 * The offset in minutes an ISO 8601 time is written with (`+09:00`), or null when it names
 * none. `Z` names none: it is how sites and their metadata store any time (a "GMT+0" shown to
 * a reader in Seoul said the server's habit, not the page's zone — issue 22).
 */
function writtenOffset(value: string): number | null {
  if (/[zZ]$/.test(value)) return null;
  const m = /T[\d:.]+([+-])(\d\d):?(\d\d)$/.exec(value);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

/**
 * A published time as its page wrote it: in the reader's zone when the page's zone is the
 * reader's, otherwise in the page's own zone with the zone said ("9:00 PM GMT+9"), so a
 * Seoul paper's evening edition does not read as the morning to a reader in London.
 */
export function formatPublished(value: string | null | undefined, locale: string, readerOffset?: (date: Date) => number): string | null {
  if (!value) return null;
  const offset = writtenOffset(value);
  const date = new Date(value);
  if (offset === null || Number.isNaN(date.getTime())) return formatDateTime(value, locale);
  const reader = readerOffset ? readerOffset(date) : -date.getTimezoneOffset();
  if (offset === reader) return formatDateTime(value, locale);
  const shown = formatDateTime(date.getTime() + offset * 60_000, locale, 'UTC');
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'GMT' : `GMT${offset < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return shown && `${shown} ${zone}`;
}

/** A size in bytes as the reader's locale writes it ("12.3 MB", "850 kB"): for what photos take (issue 22). */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, size] = bytes >= 1024 * 1024 ? (['megabyte', bytes / (1024 * 1024)] as const) : (['kilobyte', bytes / 1024] as const);
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: size < 10 ? 1 : 0 }).format(size);
  } catch {
    return `${size.toFixed(1)} ${unit === 'megabyte' ? 'MB' : 'kB'}`;
  }
}
