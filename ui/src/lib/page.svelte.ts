// A view's loading and failure, kept in one way: the value it shows for the current route,
// asked for again whenever what the asking reads changes, an answer to an older question
// dropped when it arrives late, the window title, where the window scrolls when the value
// comes, and a failure told to the reader in words (lib/errors), never as an error object.
// Created while a component is set up (its effects belong to the component).

import { tick } from 'svelte';
import { api } from './api';
import { describeError, errorKind } from './errors';

/** A remembered scroll position, kept outside the view so that it outlives it. */
export type Place = { scrollY: number };

export interface PageOptions<T> {
  /** Asks for the value. Run in an effect: asked again whenever a state or prop it reads
   * changes, and whatever was on its way is then dropped. Without it the page only has a title,
   * and values come through `show`. */
  load?: () => Promise<T>;
  /** The window title: fixed (set at once) or from the value (set whenever one arrives). */
  title?: string | ((value: T) => string);
  /** Where the window goes when a value arrives: 'top' for a new page; a place restored once
   * the first value is drawn and from then on kept as the reader scrolls; unset, left alone. */
  scroll?: 'top' | Place;
  /** Runs when a value has arrived and been shown (after the title and the scroll). */
  shown?: (value: T) => void;
}

export class Page<T> {
  /** The last value that arrived; undefined before the first. Raw: read, never changed in place. */
  value = $state.raw<T | undefined>();
  /** Whether a value has arrived. */
  loaded = $state(false);
  /** What to tell the reader about the last failure; null once a value arrives. */
  failure = $state<string | null>(null);

  #options: PageOptions<T>;
  #asked = 0;
  #version = $state(0);
  #restored = false;

  constructor(options: PageOptions<T> = {}) {
    this.#options = options;
    const { load, title, scroll } = options;
    if (typeof title === 'string') $effect(() => api.setTitle(title));
    if (scroll && scroll !== 'top') {
      $effect(() => {
        // Until the value is back in place, scrolling is the previous page's, not this one's.
        const onScroll = () => this.#restored && (scroll.scrollY = window.scrollY);
        window.addEventListener('scroll', onScroll, { passive: true });
        return () => window.removeEventListener('scroll', onScroll);
      });
    }
    if (load) {
      $effect(() => {
        void this.#version;
        void this.show(load());
        return () => this.drop();
      });
    }
  }

  /** Shows the answer to `asked` when it comes, unless something else is asked for before. */
  async show(asked: Promise<T>): Promise<void> {
    const mine = ++this.#asked;
    try {
      const value = await asked;
      if (mine !== this.#asked) return;
      this.value = value;
      this.loaded = true;
      this.failure = null;
      this.#arrived(value);
    } catch (e) {
      if (mine === this.#asked) this.fail(e);
    }
  }

  /** Asks for the value again (what `load` depends on changed outside the view's state). */
  reload(): void {
    this.#version++;
  }

  /** Drops whatever answers are on their way. */
  drop(): void {
    this.#asked++;
  }

  /** Nothing is asked: drops what is on its way and forgets the value and any failure. */
  clear(): void {
    this.drop();
    this.value = undefined;
    this.loaded = false;
    this.failure = null;
  }

  /** Tells the reader what went wrong (a failure of the page's own, not only of loading). */
  fail(e: unknown): void {
    this.failure = describeError(errorKind(e));
  }

  #arrived(value: T) {
    const { title, scroll, shown } = this.#options;
    if (typeof title === 'function') api.setTitle(title(value));
    if (scroll === 'top') window.scrollTo(0, 0);
    else if (scroll && !this.#restored) {
      void tick().then(() => {
        window.scrollTo(0, scroll.scrollY);
        this.#restored = true;
      });
    }
    shown?.(value);
  }
}
