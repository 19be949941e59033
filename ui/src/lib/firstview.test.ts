import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('./api', () => ({
  api: {
    archive: () => (calls.push('archive'), Promise.resolve({ total: 3 })),
    articlePage: (q: unknown) => (calls.push(`page ${JSON.stringify(q)}`), Promise.resolve({ total: 3, articles: [] })),
  },
}));
vi.mock('./shelf.svelte', () => ({ loadShelf: () => (calls.push('shelf'), Promise.resolve()) }));

const { primeFirstView, takeArchive, takePage, takeShelf, firstViewShown } = await import('./firstview');
const { archiveQuery } = await import('./archive');

describe('the first view asked for before the mount', () => {
  it('asks nothing for a view other than the Library, and lets what waits for the paint go', async () => {
    await primeFirstView('#/search?q=x');
    expect(calls).toEqual([]);
    expect(takeArchive()).toBeUndefined();
    await firstViewShown;
  });

  it('asks for the Library’s archive, first page and shelf at once; each answer is taken once', async () => {
    await primeFirstView('#/?year=1912');
    expect(calls).toEqual(['archive', `page ${JSON.stringify(archiveQuery({ year: 1912 }, 0, 100))}`, 'shelf']);
    expect(takePage(archiveQuery({}, 0, 100))).toBeUndefined();
    expect(await takePage(archiveQuery({ year: 1912 }, 0, 100))).toEqual({ total: 3, articles: [] });
    expect(takePage(archiveQuery({ year: 1912 }, 0, 100))).toBeUndefined();
    expect(await takeArchive()).toEqual({ total: 3 });
    expect(takeArchive()).toBeUndefined();
    expect(takeShelf()).toBeDefined();
    expect(takeShelf()).toBeUndefined();
  });

  it('mounts after a moment at most when the answers are slow', async () => {
    const start = Date.now();
    const api = (await import('./api')).api as unknown as { archive: () => Promise<unknown> };
    api.archive = () => new Promise(() => {});
    await primeFirstView('', 50);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
