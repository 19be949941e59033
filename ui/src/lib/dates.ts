/**
 * Formats a partial date (`1922`, `1922-12`, `1922-12-05`) at its own precision:
 * a year stays a year, a month becomes "December 1922", a day "5 December 1922" (in en-GB).
 * Anything else is shown as it is.
 */
export function formatPartialDate(value: string, locale?: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d
    ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return formatter(locale, options).format(date);
}

/** A date formatter, made once for each locale and options: making one costs more than formatting. */
export function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A life or an existence, `1922 – 1937`, `? – 1937`, `1922 – `; '' when neither end is known. */
export function formatSpan(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${from ? formatPartialDate(from) : '?'} – ${to ? formatPartialDate(to) : ''}`;
}
