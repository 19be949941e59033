import { describe, expect, it } from 'vitest';
import { formatPartialDate, formatSpan } from './dates';

describe('formatPartialDate', () => {
  it('keeps a year a year', () => expect(formatPartialDate('2021', 'en-GB')).toBe('2021'));
  it('names the month of a month', () => expect(formatPartialDate('1922-12', 'en-GB')).toBe('December 1922'));
  it('gives a full date for a day', () => expect(formatPartialDate('1922-12-05', 'en-GB')).toBe('5 December 1922'));
  it('follows the locale', () => expect(formatPartialDate('1922-12-05', 'en-US')).toBe('December 5, 1922'));
  it('never shifts the day across time zones', () => expect(formatPartialDate('1924-01-01', 'en-GB')).toBe('1 January 1924'));
  it('shows anything else unchanged', () => expect(formatPartialDate('end of 1926')).toBe('end of 1926'));
});

describe('formatSpan', () => {
  it('joins the known ends and marks an unknown start', () => {
    expect(formatSpan('1922', '1937')).toBe(`${formatPartialDate('1922')} – ${formatPartialDate('1937')}`);
    expect(formatSpan(null, '1937')).toBe(`? – ${formatPartialDate('1937')}`);
    expect(formatSpan('1919', null)).toBe(`${formatPartialDate('1919')} – `);
    expect(formatSpan(null, null)).toBe('');
  });
});
