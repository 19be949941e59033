import { describe, expect, it, vi } from 'vitest';
import { heightsMemory, PagedList, type Fetched } from './pagedlist.svelte';
import { Progressive } from './progressive.svelte';

/** Lets the answers that were given reach the list. */
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A list of `total` numbers, each page asked for recorded. */
function numbers(total: number) {
  const asked: number[] = [];
  const fetch = vi.fn(async (offset: number, limit: number): Promise<Fetched<number>> => {
    asked.push(offset);
    return { total, items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => offset + k) };
  });
  return { asked, fetch };
}

describe('a paged list', () => {
  it('asks for each page once, and holds the rows that came', async () => {
    const { asked, fetch } = numbers(250);
    const list = new PagedList({ fetch, pageSize: 100, margin: 5, heights: heightsMemory(50) });
    await list.reset('all');
    expect(list.total).toBe(250);
    expect(list.itemAt(99)).toBe(99);
    expect(list.itemAt(100)).toBeUndefined();
    await Promise.all([list.want(2), list.want(2), list.want(0)]);
    expect(asked).toEqual([0, 200]);
    expect(await list.fetchItem(150)).toBe(150);
    expect(asked).toEqual([0, 200, 100]);
  });
  it('drops an answer that comes after the question changed', async () => {
    let answer!: (r: Fetched<string>) => void;
    const fetch = vi.fn((offset: number) =>
      offset === 0 && fetch.mock.calls.length === 1
        ? new Promise<Fetched<string>>((r) => (answer = r))
        : Promise.resolve({ total: 1, items: ['new'] }),
    );
    const list = new PagedList({ fetch, pageSize: 10, margin: 0, heights: heightsMemory(50) });
    const old = list.reset('a');
    await list.reset('b');
    answer({ total: 5, items: ['old'] });
    expect(await old).toBeUndefined();
    expect(list.itemAt(0)).toBe('new');
    expect(list.total).toBe(1);
  });
  it('keeps measured heights for the same question and forgets them for another', async () => {
    const heights = heightsMemory(50);
    const { fetch } = numbers(10);
    const list = new PagedList({ fetch, pageSize: 100, margin: 0, heights });
    await list.reset('a');
    heights.heights[3] = 120;
    await list.reset('a');
    expect(list.heightOf(3)).toBe(120);
    expect(list.offsetOf(4)).toBe(3 * 50 + 120);
    await list.reset('b');
    expect(list.heightOf(3)).toBe(50);
  });
  it('tells a failure in words', async () => {
    const list = new PagedList({ fetch: () => Promise.reject(new Error('gone')), pageSize: 10, margin: 0, heights: heightsMemory(50) });
    await list.reset('a');
    await settle();
    expect(list.failure).toEqual(expect.any(String));
    expect(list.total).toBeNull();
  });
});

describe('a list drawn a part at a time', () => {
  it('draws a step more at each asking, and starts again', () => {
    const p = new Progressive(60);
    expect(p.count).toBe(60);
    p.more();
    p.more();
    expect(p.count).toBe(180);
    p.reset();
    expect(p.count).toBe(60);
  });
});
