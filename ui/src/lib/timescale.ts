// The Timeline's time axis: days since 1970-01-01 (as the core sends them) to pixels, and
// ticks that adapt from decades to months as the reader zooms. No drawing here.

const DAYS_PER_YEAR = 365.2425;
const EPOCH_YEAR = 1970;

/** A visible range of days, `end` exclusive, drawn across `width` pixels. */
export interface Scale {
  start: number;
  end: number;
  width: number;
}

export function x(scale: Scale, day: number): number {
  return ((day - scale.start) / (scale.end - scale.start)) * scale.width;
}

/** Days since 1970-01-01 of the first day of a year (and month, 1–12). */
export function dayOf(year: number, month = 1): number {
  return Math.round((Date.UTC(year, month - 1, 1) - Date.UTC(EPOCH_YEAR, 0, 1)) / 86_400_000);
}

export interface Tick {
  day: number;
  label: string;
  /** Decade or year boundaries are major; months are minor. */
  major: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Ticks at least `minGap` pixels apart: decades, 5 years, years, quarters or months. */
export function ticks(scale: Scale, minGap = 56): Tick[] {
  const pxPerYear = (scale.width / (scale.end - scale.start)) * DAYS_PER_YEAR;
  const first = new Date(Date.UTC(EPOCH_YEAR, 0, 1) + scale.start * 86_400_000).getUTCFullYear();
  const last = new Date(Date.UTC(EPOCH_YEAR, 0, 1) + scale.end * 86_400_000).getUTCFullYear();
  const out: Tick[] = [];
  const months = pxPerYear / 12 >= minGap ? 1 : pxPerYear / 4 >= minGap ? 3 : 0;
  if (months) {
    for (let y = first; y <= last; y++) {
      for (let m = 1; m <= 12; m += months) {
        const day = dayOf(y, m);
        if (day >= scale.start && day < scale.end) {
          out.push({ day, label: m === 1 ? String(y) : MONTHS[m - 1], major: m === 1 });
        }
      }
    }
    return out;
  }
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => s * pxPerYear >= minGap) ?? 100;
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) {
    const day = dayOf(y);
    if (day >= scale.start && day < scale.end) out.push({ day, label: String(y), major: y % (step * 5) === 0 || step >= 10 });
  }
  return out;
}

/** The range zoomed by `factor` (< 1 zooms in) around the day at `anchor`, kept at least a month wide. */
export function zoom(scale: Scale, factor: number, anchor: number): Scale {
  const span = Math.max(31, (scale.end - scale.start) * factor);
  const t = (anchor - scale.start) / (scale.end - scale.start);
  const start = anchor - t * span;
  return { ...scale, start, end: start + span };
}

/** The range moved by `fraction` of its width (negative: earlier). */
export function pan(scale: Scale, fraction: number): Scale {
  const by = (scale.end - scale.start) * fraction;
  return { ...scale, start: scale.start + by, end: scale.end + by };
}

/** A partial date's precision, for cards: "1922" → "in 1922", "1922-12" → "in December 1922". */
export function spoken(date: string | null | undefined): string {
  if (!date) return 'date not given';
  const [y, m, d] = date.split('-');
  const month = m
    ? ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(m) - 1]
    : '';
  if (d) return `${Number(d)} ${month} ${y}`;
  if (m) return `${month} ${y}`;
  return y;
}

/** How long an end the sources do not give is drawn fading out after the last date they give. */
export const FADE_DAYS = Math.round(5 * DAYS_PER_YEAR);

type Spanned = { start: number | null; end: number | null };

/** The days a timeline's lanes and bars cover, a year either side (a bar with an unknown end
 *  as far as it fades); `from`/`to` (years) win. */
export function extentOf(
  lanes: readonly { span: Spanned; bars: readonly { days: Spanned }[] }[],
  from?: number,
  to?: number,
): { start: number; end: number } {
  const faded = (d: Spanned) => (d.end === null && d.start !== null ? { start: d.start, end: d.start + FADE_DAYS } : d);
  const all = lanes.flatMap((l) => [l.span, ...l.bars.map((b) => faded(b.days))]);
  const known = (xs: (number | null)[]) => xs.filter((d): d is number => d !== null);
  const starts = known(all.map((s) => s.start));
  const ends = known(all.map((s) => s.end));
  return {
    start: from !== undefined ? dayOf(from) : starts.length ? starts.reduce((a, b) => Math.min(a, b)) - 365 : dayOf(1880),
    end: to !== undefined ? dayOf(to + 1) : ends.length ? ends.reduce((a, b) => Math.max(a, b)) + 365 : dayOf(1990),
  };
}

/** A tenure's start and end as a reader says them; an end at the organization's dissolution is
 *  called `dissolution`, an end the sources do not give `end not known`. */
export function tenureEnds(
  b: { from: string | null; to: string | null; until_dissolution: boolean },
  dissolution = 'the dissolution',
): { from: string; to: string } {
  return {
    from: b.from ? spoken(b.from) : 'start not given',
    to: b.to ? spoken(b.to) : b.until_dissolution ? dissolution : 'end not known',
  };
}
