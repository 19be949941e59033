// The Library's archive: the reader's choices (year, month, series, tag, author, source) as the
// address holds them.

/** What the reader chose to browse; every choice combines with the others. */
export type ArchiveChoice = {
  year?: number;
  /** 1–12, or 0 for articles dated only to the year; only with a year. */
  month?: number;
  series?: string;
  tag?: string;
  /** A person id. */
  author?: string;
  /** `starter`, or a blog's name. */
  source?: string;
};

export const CHOICE_KEYS = ['year', 'month', 'series', 'tag', 'author', 'source'] as const;
const TEXT_KEYS = ['series', 'tag', 'author', 'source'] as const;

/** The choices an address's query holds, dropping what is not one (a month without a year). */
export function choiceFromParams(params: URLSearchParams): ArchiveChoice {
  const int = (k: string) => (/^\d{1,4}$/.test(params.get(k) ?? '') ? Number(params.get(k)) : undefined);
  const year = int('year');
  const m = year !== undefined ? int('month') : undefined;
  const month = m !== undefined && m <= 12 ? m : undefined;
  const choice: ArchiveChoice = {
    ...(year !== undefined && { year }),
    ...(month !== undefined && { month }),
  };
  for (const k of TEXT_KEYS) {
    const v = params.get(k);
    if (v) choice[k] = v;
  }
  return choice;
}

/** The query of an address holding `choice`, in a fixed order. */
export function choiceToParams(choice: ArchiveChoice): URLSearchParams {
  const params = new URLSearchParams();
  if (choice.year !== undefined) {
    params.set('year', String(choice.year));
    if (choice.month !== undefined) params.set('month', String(choice.month));
  }
  for (const k of TEXT_KEYS) {
    const v = choice[k];
    if (v) params.set(k, v);
  }
  return params;
}

/** Whether anything is chosen. */
export function isChosen(choice: ArchiveChoice): boolean {
  return CHOICE_KEYS.some((k) => choice[k] !== undefined);
}

/** A key naming the choices, equal for equal choices. */
export function choiceKey(choice: ArchiveChoice): string {
  return choiceToParams(choice).toString();
}

/** The choices after the reader picks `value` for `key`: picking what is chosen lets it go,
 * a new year lets the month go, and a month keeps its year. */
export function choose<K extends keyof ArchiveChoice>(choice: ArchiveChoice, key: K, value: NonNullable<ArchiveChoice[K]>): ArchiveChoice {
  const next: ArchiveChoice = { ...choice };
  if (choice[key] === value) {
    delete next[key];
    if (key === 'year') delete next.month;
    return next;
  }
  next[key] = value;
  if (key === 'year') delete next.month;
  return next;
}

/** What the core is asked for: the choices and a page of them. */
export function archiveQuery(choice: ArchiveChoice, offset: number, limit: number) {
  return {
    year: choice.year ?? null,
    month: choice.year !== undefined ? (choice.month ?? null) : null,
    series: choice.series ?? null,
    tag: choice.tag ?? null,
    author: choice.author ?? null,
    source: choice.source ?? null,
    offset,
    limit,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A month's name (0: the articles dated only to the year). */
export function monthName(month: number): string {
  return MONTHS[month - 1] ?? 'No month given';
}

/** "1 article", "12 articles". */
export function articleCount(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'article' : 'articles'}`;
}
