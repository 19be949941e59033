// The Books view's ordering and filtering, and the money and status wording of the cards.
// Amounts arrive as exact decimal strings; they are compared digit by digit and turned into
// numbers only to be displayed.

import type { BookCard, BookStatus, ExportFormat, OfferView, Treatment } from './api';
import { formatPartialDate } from './dates';

export const BOOK_SORTS = ['newest', 'price', 'discount', 'title', 'author'] as const;
export type BookSort = (typeof BOOK_SORTS)[number];
export const DEFAULT_SORT: BookSort = 'newest';

export const SORT_LABELS: Record<BookSort, string> = {
  newest: 'Newest',
  price: 'Price (lowest first)',
  discount: 'Discount (highest first)',
  title: 'Title',
  author: 'Author',
};

export const STATUS_LABELS: Record<BookStatus, string> = {
  published: 'Published',
  forthcoming: 'Forthcoming',
  'in-preparation': 'In preparation',
};

export const TREATMENT_LABELS: Record<Treatment, string> = {
  offered: 'Offered',
  announced: 'Announced',
  reviewed: 'Reviewed',
  cited: 'Cited',
};

export const EXPORT_LABELS: Record<ExportFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  csv: 'CSV',
};

/** What narrows the list; everything unset lets every book through. */
export interface BookFilters {
  status?: BookStatus;
  publisher?: string;
  /** Only books with an offer that has not expired. */
  live?: boolean;
  treatment?: Treatment;
}

/** The Books view's state as the route keeps it. */
export interface BookQuery extends BookFilters {
  sort?: BookSort;
  /** Search words, answered by the library's search restricted to books. */
  q?: string;
}

const isOneOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T => v != null && (list as readonly string[]).includes(v);

export const isBookSort = (v: string | null | undefined): v is BookSort => isOneOf(BOOK_SORTS, v);
export const isBookStatus = (v: string | null | undefined): v is BookStatus => isOneOf(Object.keys(STATUS_LABELS) as BookStatus[], v);
export const isTreatment = (v: string | null | undefined): v is Treatment => isOneOf(Object.keys(TREATMENT_LABELS) as Treatment[], v);

/** Whether any filter (search included) is narrowing the list. */
export function isFiltered(q: BookQuery): boolean {
  return Boolean(q.status || q.publisher || q.live || q.treatment || q.q?.trim());
}

// ---- Exact decimals -------------------------------------------------------------------------

interface Decimal {
  negative: boolean;
  /** Integer digits without leading zeros. */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

function parseDecimal(s: string): Decimal | null {
  const m = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return null;
  const int = m[2].replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return { negative: m[1] === '-' && (int !== '' || frac !== ''), int, frac };
}

/** Compares two decimal strings exactly (`"11.37"` < `"11.4"` < `"100"`); NaN if either is not one. */
export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return Number.NaN;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  let m = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0);
  if (m === 0) {
    const width = Math.max(x.frac.length, y.frac.length);
    const fx = x.frac.padEnd(width, '0');
    const fy = y.frac.padEnd(width, '0');
    m = fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  return x.negative ? -Math.sign(m) : Math.sign(m);
}

/** How many digits a decimal string has after its point. */
function fractionDigits(s: string): number {
  return Math.min(20, /\.(\d+)/.exec(s)?.[1].length ?? 0);
}

// ---- Display --------------------------------------------------------------------------------

/**
 * The reader's locale for Intl, or undefined (the runtime's default) when the system gives
 * none Intl accepts: under a bare `LANG=C` WebKit reports `"C"`, and `Intl.Collator("C")`
 * throws.
 */
export function readerLocale(language: string | undefined = globalThis.navigator?.language): string | undefined {
  if (!language) return undefined;
  try {
    return Intl.getCanonicalLocales(language)[0];
  } catch {
    return undefined;
  }
}

/**
 * An amount in its currency for the reader's locale (`"11.37", "USD"` → `$11.37`). Never drops
 * digits the amount has; without a (valid) currency the amount is shown with the code after it.
 */
export function formatMoney(amount: string, currency: string | null | undefined, locale?: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return currency ? `${amount} ${currency}` : amount;
  const digits = fractionDigits(amount);
  if (currency) {
    try {
      const base = new Intl.NumberFormat(locale, { style: 'currency', currency });
      const max = Math.max(digits, base.resolvedOptions().maximumFractionDigits ?? 0);
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: max }).format(value);
    } catch {
      // Not an ISO 4217 code Intl knows: fall through to the plain number and the code.
    }
  }
  const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return currency ? `${plain} ${currency}` : plain;
}

/** A percentage as written (`"40"` → `40%`, `"12.5"` → `12.5%`), in the reader's locale. */
export function formatPercent(percent: string, locale?: string): string {
  const value = Number(percent);
  if (!Number.isFinite(value)) return `${percent}%`;
  const digits = fractionDigits(percent);
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(value / 100);
}

/** "Published", "Forthcoming March 2022", "In preparation 2023": the status with its expected date. */
export function statusLabel(status: BookStatus, expected: string | null, locale?: string): string {
  const label = STATUS_LABELS[status];
  if (!expected) return label;
  if (status === 'forthcoming') return `${label} ${formatPartialDate(expected, locale)}`;
  if (status === 'in-preparation') return `${label} ${/^\d{4}/.exec(expected)?.[0] ?? expected}`;
  return label;
}

/** A hue (0–359) that is always the same for the same id: the colour of a typographic cover. */
export function coverHue(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 360;
}

// ---- Filtering ------------------------------------------------------------------------------

export const isLive = (offer: OfferView | null): boolean => offer !== null && !offer.expired;

/** The book's publishers and its editions', each once. */
export function publishersOf(book: BookCard): string[] {
  const all = [...book.publishers, ...book.editions.map((e) => e.publisher ?? '')].filter((p) => p.trim() !== '');
  return [...new Set(all)];
}

/** Every publisher in the list, each once, in alphabetical order. */
export function allPublishers(books: readonly BookCard[], locale?: string): string[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...new Set(books.flatMap(publishersOf))].sort(collator.compare);
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function filterBooks(books: readonly BookCard[], f: BookFilters): BookCard[] {
  return books.filter(
    (b) =>
      (!f.status || b.status === f.status) &&
      (!f.publisher || publishersOf(b).some((p) => same(p, f.publisher!))) &&
      (!f.live || isLive(b.offer)) &&
      (!f.treatment || b.treatments.includes(f.treatment)),
  );
}

// ---- Sorting --------------------------------------------------------------------------------

/** A title as it is shelved: without a leading "The", "A" or "An". */
export function shelfTitle(title: string): string {
  return title.trim().replace(/^(the|an?)\s+/i, '');
}

/** The family name a book is shelved under: the last word of its first author's or editor's name. */
export function familyName(book: BookCard): string | null {
  const name = (book.authors[0] ?? book.editors[0])?.name.trim();
  return name ? name.split(/\s+/).pop()! : null;
}

/** Present values in order, missing ones after them, whatever the direction. */
function byPresent<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return cmp(a, b);
}

/** Live offers, then expired ones, then books without an offer. */
const offerRank = (b: BookCard) => (b.offer === null ? 2 : b.offer.expired ? 1 : 0);

const amount = (v: string | null | undefined): string | null => (v != null && parseDecimal(v) !== null ? v : null);

/** When the book came out, as far as the date or year tells (ISO strings order themselves). */
const when = (b: BookCard): string | null => b.date ?? (b.year !== null ? String(b.year).padStart(4, '0') : null);

export function sortBooks(books: readonly BookCard[], sort: BookSort, locale?: string): BookCard[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const text = (x: string, y: string) => collator.compare(x, y);
  const byTitle = (a: BookCard, b: BookCard) => text(shelfTitle(a.title), shelfTitle(b.title)) || text(a.id, b.id);
  const primary: (a: BookCard, b: BookCard) => number = {
    newest: (a: BookCard, b: BookCard) => byPresent(when(a), when(b), (x, y) => (x < y ? 1 : x > y ? -1 : 0)),
    price: (a: BookCard, b: BookCard) => offerRank(a) - offerRank(b) || byPresent(amount(a.offer?.price), amount(b.offer?.price), compareDecimal),
    discount: (a: BookCard, b: BookCard) =>
      offerRank(a) - offerRank(b) || byPresent(amount(a.offer?.discount_percent), amount(b.offer?.discount_percent), (x, y) => compareDecimal(y, x)),
    title: () => 0,
    author: (a: BookCard, b: BookCard) => byPresent(familyName(a), familyName(b), text),
  }[sort];
  return [...books].sort((a, b) => primary(a, b) || byTitle(a, b));
}
