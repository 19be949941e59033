import { describe, expect, it } from 'vitest';
import { formatPartialDate } from './dates';

describe('formatPartialDate', () => {
  it('keeps a year a year', () => expect(formatPartialDate('2021', 'en-GB')).toBe('2021'));
  it('names the month of a month', () => expect(formatPartialDate('1922-12', 'en-GB')).toBe('December 1922'));
  it('gives a full date for a day', () => expect(formatPartialDate('1922-12-05', 'en-GB')).toBe('5 December 1922'));
  it('follows the locale', () => expect(formatPartialDate('1922-12-05', 'en-US')).toBe('December 5, 1922'));
  it('never shifts the day across time zones', () =>
    expect(formatPartialDate('1924-01-01', 'en-GB')).toBe('1 January 1924'));
  it('shows anything else unchanged', () => expect(formatPartialDate('end of 1926')).toBe('end of 1926'));
});
