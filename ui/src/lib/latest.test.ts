import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest';

const later = <T>(value: T, ms: number) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('latestOnly', () => {
  it('drops answers that arrive after a newer request was made', async () => {
    const search = latestOnly((q: string, ms: number) => later(q, ms));
    const slowOld = search('mun', 40);
    const fastNew = search('munz', 5);
    expect(await fastNew).toBe('munz');
    expect(await slowOld).toBeUndefined();
  });
  it('passes the only answer through', async () => {
    const search = latestOnly((q: string) => later(q, 1));
    expect(await search('zetkin')).toBe('zetkin');
  });
});
