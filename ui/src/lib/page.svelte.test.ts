import { flushSync, tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeError } from './errors';
import { Page, type PageOptions } from './page.svelte';

const titles = vi.hoisted(() => [] as string[]);
vi.mock('./api', () => ({ api: { setTitle: (t: string) => titles.push(t) } }));

/** A promise answered when the test says so. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets the answers that were given reach the page. */
const settle = () => new Promise((r) => setTimeout(r, 0));

let cleanups: (() => void)[] = [];
let scrollTo: ReturnType<typeof vi.fn>;

beforeEach(() => {
  titles.length = 0;
  scrollTo = vi.fn();
  vi.stubGlobal('scrollTo', scrollTo);
});

afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
  vi.unstubAllGlobals();
});

/** A page set up as a view would be, inside an effect root that the test ends. */
function mount<T>(options: PageOptions<T>): Page<T> {
  let page!: Page<T>;
  cleanups.push(
    $effect.root(() => {
      page = new Page(options);
    }),
  );
  flushSync();
  return page;
}

describe('Page', () => {
  it('shows the value, sets the title from it and scrolls to the top', async () => {
    const shown = vi.fn();
    const page = mount({ load: () => Promise.resolve({ name: 'Clara Zetkin' }), title: (p) => `${p.name} — Lectern`, scroll: 'top', shown });
    expect(page.loaded).toBe(false);
    await settle();
    expect(page.value).toEqual({ name: 'Clara Zetkin' });
    expect(page.loaded).toBe(true);
    expect(page.failure).toBeNull();
    expect(titles).toEqual(['Clara Zetkin — Lectern']);
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
    expect(shown).toHaveBeenCalledWith({ name: 'Clara Zetkin' });
  });

  it('sets a fixed title at once', () => {
    mount({ title: 'Problems — Lectern' });
    expect(titles).toEqual(['Problems — Lectern']);
  });

  it('drops the answer for a route that was left before it arrived', async () => {
    const answers = new Map([
      ['old', deferred<string>()],
      ['new', deferred<string>()],
    ]);
    const route = $state({ id: 'old' });
    const page = mount({ load: () => answers.get(route.id)!.promise, title: (v) => v });
    route.id = 'new';
    flushSync();
    answers.get('new')!.resolve('new');
    await settle();
    answers.get('old')!.resolve('old');
    await settle();
    expect(page.value).toBe('new');
    expect(titles).toEqual(['new']);
  });

  it('drops a late failure of a route that was left, and everything once the view is gone', async () => {
    const old = deferred<string>();
    const route = $state({ id: 'old' });
    const page = mount({ load: () => (route.id === 'old' ? old.promise : Promise.resolve('new')) });
    route.id = 'new';
    flushSync();
    await settle();
    old.reject({ kind: 'database', message: 'locked' });
    await settle();
    expect(page.value).toBe('new');
    expect(page.failure).toBeNull();

    const late = deferred<string>();
    const gone = mount({ load: () => late.promise, title: (v) => v });
    cleanups.pop()!();
    late.resolve('late');
    await settle();
    expect(gone.value).toBeUndefined();
    expect(titles).toEqual([]);
  });

  it('turns a failure into what the reader is told, by its kind', async () => {
    const page = mount<string>({ load: () => Promise.reject({ kind: 'not_found', message: 'no such article' }), title: (v) => v });
    await settle();
    expect(page.failure).toBe(describeError('not_found'));
    expect(page.loaded).toBe(false);
    expect(titles).toEqual([]);
    page.fail(new Error('no kind'));
    expect(page.failure).toBe(describeError('unknown'));
  });

  it('asks again on reload, keeping the value until the new one comes, and clears a failure then', async () => {
    let calls = 0;
    const answers = [Promise.reject({ kind: 'io' }), Promise.resolve(['a note'])];
    answers[0].catch(() => {});
    const page = mount({ load: () => answers[calls++] });
    await settle();
    expect(page.failure).toBe(describeError('io'));
    page.reload();
    flushSync();
    await settle();
    expect(calls).toBe(2);
    expect(page.value).toEqual(['a note']);
    expect(page.failure).toBeNull();
  });

  it('shows only the latest of the answers it was handed, and nothing after clear', async () => {
    const page = mount<string>({});
    const slow = deferred<string>();
    const fast = deferred<string>();
    void page.show(slow.promise);
    void page.show(fast.promise);
    fast.resolve('munz');
    slow.resolve('mun');
    await settle();
    expect(page.value).toBe('munz');

    const cleared = deferred<string>();
    void page.show(cleared.promise);
    page.clear();
    cleared.resolve('gone');
    await settle();
    expect(page.value).toBeUndefined();
    expect(page.loaded).toBe(false);
  });

  it('restores a remembered place once the first value is drawn, then keeps it', async () => {
    const place = { scrollY: 420 };
    const page = mount({ load: () => Promise.resolve(1), scroll: place });
    window.dispatchEvent(new Event('scroll'));
    expect(place.scrollY).toBe(420); // the previous page's scrolling is not this one's
    await settle();
    await tick();
    expect(scrollTo).toHaveBeenCalledWith(0, 420);
    expect(page.value).toBe(1);
    window.dispatchEvent(new Event('scroll'));
    expect(place.scrollY).toBe(window.scrollY);
  });
});
