// A long list asked for a page at a time and drawn only where the window is: the rows in view
// and a margin, with the room of the others kept above and below. Rows' heights are measured
// as they are drawn; those not yet drawn are taken to be the average. The heights live in a
// `Heights` the view keeps outside itself, so that the place comes back where it was.
// Created while a component is set up.

import { tick } from 'svelte';
import { describeError, errorKind } from './errors';
import { listWindow, pagesFor, prefixSums, type ListWindow } from './listwindow';

/** A page of rows and how many rows the list has in all. */
export type Fetched<T> = { total: number; items: T[] };

/** Rows' measured heights (by index) for the list `key` names, and their average. */
export type Heights = { rowHeight: number; heights: number[]; key: string };

export function heightsMemory(rowHeight: number): Heights {
  return { rowHeight, heights: [], key: '' };
}

export interface PagedListOptions<T> {
  /** Asks for `limit` rows from `offset`. */
  fetch: (offset: number, limit: number) => Promise<Fetched<T>>;
  /** Rows asked for at a time, and rows drawn either side of those in view. */
  pageSize: number;
  margin: number;
  heights: Heights;
}

export class PagedList<T> {
  /** How many rows the list has (null until the first page comes). */
  total = $state<number | null>(null);
  /** What to tell the reader about the last failure to get a page. */
  failure = $state<string | null>(null);
  /** Where the viewport is: how far below the list's top, and how high. */
  view = $state({ top: 0, height: 800 });

  #o: PagedListOptions<T>;
  #pages = $state.raw<Record<number, T[]>>({});
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the pages on their way are never shown
  #asking = new Set<number>();
  #asked = 0;
  /** A count of measurements, to recompute the window on. */
  #measured = $state(0);

  constructor(options: PagedListOptions<T>) {
    this.#o = options;
  }

  heightOf = (i: number): number => this.#o.heights.heights[i] ?? this.#o.heights.rowHeight;

  itemAt(i: number): T | undefined {
    return this.#pages[Math.floor(i / this.#o.pageSize)]?.[i % this.#o.pageSize];
  }

  /** The rows drawn. */
  /** Where each row begins (and the list ends), summed again whenever a height is measured. */
  readonly #at = $derived.by(() => {
    void this.#measured;
    return prefixSums(this.total ?? 0, this.heightOf);
  });
  #prev: ListWindow | undefined;
  /** The rows drawn: the same object while they stay the same, so that scrolling within them
   * redraws nothing. */
  readonly win = $derived.by(() => {
    const prev = this.#prev;
    const next = listWindow(this.#at, this.view.top, this.view.height, this.#o.margin, prev);
    const same = prev && prev.start === next.start && prev.end === next.end && prev.before === next.before && prev.after === next.after;
    if (!same) this.#prev = next;
    return this.#prev!;
  });

  /** The rows drawn, each with its item once its page has come. */
  readonly rows = $derived(
    Array.from({ length: this.win.end - this.win.start }, (_, k) => ({ i: this.win.start + k, item: this.itemAt(this.win.start + k) })),
  );

  /** Starts again from the first page (another question, or the answers changed); measured
   * heights are kept while `key` stays the same. */
  reset(key: string): Promise<T[] | undefined> {
    this.#asked++;
    this.#asking.clear();
    const h = this.#o.heights;
    if (h.key !== key) {
      h.heights = [];
      h.key = key;
    }
    this.#pages = {};
    this.#prev = undefined;
    return this.want(0);
  }

  /** The page `page`, asked for unless it is here or on its way. */
  want(page: number): Promise<T[] | undefined> {
    const have = this.#pages[page];
    if (have || this.#asking.has(page)) return Promise.resolve(have);
    this.#asking.add(page);
    const mine = this.#asked;
    const size = this.#o.pageSize;
    return this.#o.fetch(page * size, size).then(
      (r) => {
        if (mine !== this.#asked) return undefined;
        this.#asking.delete(page);
        this.total = r.total;
        this.failure = null;
        this.#pages = { ...this.#pages, [page]: r.items };
        return r.items;
      },
      (e) => {
        if (mine !== this.#asked) return undefined;
        this.#asking.delete(page);
        this.failure = describeError(errorKind(e));
        return undefined;
      },
    );
  }

  /** Asks for the pages the drawn rows reach. */
  wantWindow(): void {
    for (const p of pagesFor(this.win.start, this.win.end, this.#o.pageSize)) void this.want(p);
  }

  /** The item at `i`, asking for its page if it has not come. */
  async fetchItem(i: number): Promise<T | undefined> {
    return this.itemAt(i) ?? (await this.want(Math.floor(i / this.#o.pageSize)))?.[i % this.#o.pageSize];
  }

  /** Where row `i` begins, from the list's top. */
  offsetOf(i: number): number {
    return this.#at[Math.min(i, this.#at.length - 1)];
  }

  /** Scrolls row `i` of `list` into view, drawing it first if it is not. */
  async bringIntoView(list: HTMLElement | undefined, i: number): Promise<void> {
    const row = () => list?.querySelector<HTMLElement>(`:scope > li[data-index="${i}"]`);
    if (!row() && list) {
      window.scrollTo(0, window.scrollY + list.getBoundingClientRect().top + this.offsetOf(i) - this.view.height / 3);
      this.measureView(list);
      await tick();
    }
    row()?.scrollIntoView({ block: 'nearest' });
  }

  /** Takes where the viewport is over `list`. */
  measureView(list: HTMLElement | undefined): void {
    if (list) this.view = { top: -list.getBoundingClientRect().top, height: window.innerHeight };
  }

  /** Measures the rows of `list` drawn with their item (`li[data-index][data-loaded]`). */
  measureRows(list: HTMLElement | undefined): void {
    const h = this.#o.heights;
    let changed = false;
    for (const li of list?.querySelectorAll<HTMLElement>(':scope > li[data-index][data-loaded]') ?? []) {
      const i = Number(li.dataset.index);
      const px = li.offsetHeight;
      if (px > 0 && h.heights[i] !== px) {
        h.heights[i] = px;
        changed = true;
      }
    }
    if (changed) {
      const known = h.heights.filter((x) => x !== undefined);
      h.rowHeight = Math.round(known.reduce((sum, x) => sum + x, 0) / known.length);
      this.#measured++;
    }
  }

  /** Keeps the window on the viewport as the reader scrolls and resizes, and the rows measured
   * as they are drawn; `onScroll` runs on every scroll. Call in a component's set-up. */
  follow(list: () => HTMLElement | undefined, onScroll?: () => void): void {
    $effect(() => {
      let frame = 0;
      const moved = () => {
        onScroll?.();
        if (!frame)
          frame = requestAnimationFrame(() => {
            frame = 0;
            this.measureView(list());
          });
      };
      window.addEventListener('scroll', moved, { passive: true });
      window.addEventListener('resize', moved);
      return () => {
        cancelAnimationFrame(frame);
        window.removeEventListener('scroll', moved);
        window.removeEventListener('resize', moved);
      };
    });
    $effect(() => {
      void this.rows;
      void tick().then(() => this.measureRows(list()));
    });
    $effect(() => this.wantWindow());
  }
}
