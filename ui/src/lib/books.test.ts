import { describe, expect, it } from 'vitest';
import type { BookCard, OfferView } from './api';
import {
  allPublishers,
  compareDecimal,
  coverHue,
  familyName,
  filterBooks,
  formatMoney,
  formatPercent,
  isFiltered,
  shelfTitle,
  sortBooks,
  statusLabel,
  readerLocale,
} from './books';

function offer(o: Partial<OfferView> = {}): OfferView {
  return {
    price: null,
    currency: 'USD',
    discount_percent: null,
    list_price: null,
    saving: null,
    code: null,
    valid_until: null,
    url: null,
    expired: false,
    edition: 'paperback',
    ...o,
  };
}

function book(id: string, b: Partial<BookCard> = {}): BookCard {
  return {
    id,
    title: id,
    subtitle: null,
    authors: [],
    editors: [],
    translators: [],
    publishers: [],
    book_series: null,
    year: null,
    date: null,
    pages: null,
    status: 'published',
    expected: null,
    editions: [],
    offer: null,
    related: [],
    cited_in: [],
    treatments: [],
    cover: null,
    ...b,
  };
}

const ids = (books: BookCard[]) => books.map((b) => b.id);

describe('exact decimals', () => {
  it('orders by value, not by text', () => {
    expect(compareDecimal('11.37', '11.4')).toBe(-1);
    expect(compareDecimal('100', '99.99')).toBe(1);
    expect(compareDecimal('9.5', '10')).toBe(-1);
    expect(compareDecimal('18.90', '18.9')).toBe(0);
    expect(compareDecimal('007', '7.000')).toBe(0);
    expect(compareDecimal('0.1', '0.10000000000000000001')).toBe(-1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('-2', '-1.5')).toBe(-1);
    expect(compareDecimal('-0', '0')).toBe(0);
  });
  it('will not compare what is not a decimal', () => {
    expect(compareDecimal('abc', '1')).toBeNaN();
    expect(compareDecimal('', '1')).toBeNaN();
  });
});

describe('sorting', () => {
  it('puts the newest first and undated books last', () => {
    const books = [book('a', { date: '2019' }), book('b'), book('c', { date: '2021-06-17' }), book('d', { year: 2020 }), book('e', { date: '2021' })];
    expect(ids(sortBooks(books, 'newest'))).toEqual(['c', 'e', 'd', 'a', 'b']);
  });

  it('orders by price, live offers before expired ones and books without an offer last', () => {
    const books = [
      book('none'),
      book('expired-cheap', { offer: offer({ price: '5.00', expired: true }) }),
      book('dear', { offer: offer({ price: '100.00' }) }),
      book('cheap', { offer: offer({ price: '11.37' }) }),
      book('mid', { offer: offer({ price: '11.4' }) }),
      book('no-price', { offer: offer({ discount_percent: '40' }) }),
      book('expired-dear', { offer: offer({ price: '50.00', expired: true }) }),
    ];
    expect(ids(sortBooks(books, 'price'))).toEqual(['cheap', 'mid', 'dear', 'no-price', 'expired-cheap', 'expired-dear', 'none']);
  });

  it('orders by discount, highest first, live before expired', () => {
    const books = [
      book('none'),
      book('expired-big', { offer: offer({ discount_percent: '70', expired: true }) }),
      book('small', { offer: offer({ discount_percent: '9.5' }) }),
      book('big', { offer: offer({ discount_percent: '40' }) }),
      book('bigger', { offer: offer({ discount_percent: '40.5' }) }),
    ];
    expect(ids(sortBooks(books, 'discount'))).toEqual(['bigger', 'big', 'small', 'expired-big', 'none']);
  });

  it('orders titles without their leading article', () => {
    const books = [
      book('t1', { title: 'The Communist Movement at a Crossroads' }),
      book('t2', { title: 'An Agitator' }),
      book('t3', { title: 'Bolsheviks' }),
      book('t4', { title: 'a Zebra' }),
      book('t5', { title: 'Theses' }),
    ];
    expect(ids(sortBooks(books, 'title'))).toEqual(['t2', 't3', 't1', 't5', 't4']);
    expect(shelfTitle('The Theory')).toBe('Theory');
    expect(shelfTitle('Another Day')).toBe('Another Day');
  });

  it('orders by the family name of the first author, or else the first editor', () => {
    const p = (name: string) => ({ id: name.toLowerCase().replace(/\s+/g, '-'), name });
    const books = [
      book('riddell', { editors: [p('John Riddell')] }),
      book('blanc', { authors: [p('Eric Blanc')], editors: [p('Zed Zulu')] }),
      book('nobody'),
      book('taber', { authors: [p('Mike Taber')] }),
    ];
    expect(ids(sortBooks(books, 'author'))).toEqual(['blanc', 'riddell', 'taber', 'nobody']);
    expect(familyName(books[0])).toBe('Riddell');
    expect(familyName(books[2])).toBeNull();
  });

  it('breaks ties by title and leaves the input alone', () => {
    const books = [book('b', { title: 'Beta' }), book('a', { title: 'Alpha' })];
    expect(ids(sortBooks(books, 'newest'))).toEqual(['a', 'b']);
    expect(ids(books)).toEqual(['b', 'a']);
  });
});

describe('filtering', () => {
  const books = [
    book('one', { status: 'forthcoming', publishers: ['Brill'], treatments: ['offered', 'cited'], offer: offer({ price: '1' }) }),
    book('two', {
      publishers: ['Haymarket Books'],
      editions: [{ format: 'paperback', publisher: 'Brill', date: null, pages: null, status: 'published', expected: null, url: null, offer: null }],
      treatments: ['reviewed'],
    }),
    book('three', { publishers: ['Pathfinder'], offer: offer({ price: '2', expired: true }), treatments: ['offered'] }),
  ];

  it('lets everything through without filters', () => {
    expect(ids(filterBooks(books, {}))).toEqual(['one', 'two', 'three']);
  });
  it('filters by status, publisher (the book’s or an edition’s), live offer and treatment', () => {
    expect(ids(filterBooks(books, { status: 'forthcoming' }))).toEqual(['one']);
    expect(ids(filterBooks(books, { publisher: 'Brill' }))).toEqual(['one', 'two']);
    expect(ids(filterBooks(books, { publisher: 'brill ' }))).toEqual(['one', 'two']);
    expect(ids(filterBooks(books, { live: true }))).toEqual(['one']);
    expect(ids(filterBooks(books, { treatment: 'offered' }))).toEqual(['one', 'three']);
    expect(ids(filterBooks(books, { treatment: 'offered', live: true, publisher: 'Brill' }))).toEqual(['one']);
  });
  it('lists publishers once each, in order', () => {
    expect(allPublishers(books)).toEqual(['Brill', 'Haymarket Books', 'Pathfinder']);
  });
  it('knows when the list is narrowed', () => {
    expect(isFiltered({ sort: 'price' })).toBe(false);
    expect(isFiltered({ q: '  ' })).toBe(false);
    expect(isFiltered({ q: 'red' })).toBe(true);
    expect(isFiltered({ live: true })).toBe(true);
  });
});

describe('display', () => {
  it('formats money in the currency and locale', () => {
    expect(formatMoney('11.37', 'USD', 'en-US')).toBe('$11.37');
    expect(formatMoney('18.90', 'EUR', 'de-DE')).toBe('18,90\u00a0€');
    expect(formatMoney('1200', 'JPY', 'en-US')).toBe('¥1,200');
    expect(formatMoney('1234.5', 'GBP', 'en-GB')).toBe('£1,234.50');
  });
  it('keeps every digit the amount has', () => {
    expect(formatMoney('0.125', 'USD', 'en-US')).toBe('$0.125');
  });
  it('shows an amount without a known currency as written', () => {
    expect(formatMoney('11.37', null, 'en-US')).toBe('11.37');
    expect(formatMoney('11.37', 'XX1', 'en-US')).toBe('11.37 XX1');
  });
  it('formats a percentage as written', () => {
    expect(formatPercent('40', 'en-US')).toBe('40%');
    expect(formatPercent('12.5', 'en-US')).toBe('12.5%');
    expect(formatPercent('33.33', 'en-US')).toBe('33.33%');
  });
  it('words the status with the expected date at its precision', () => {
    expect(statusLabel('published', null)).toBe('Published');
    expect(statusLabel('forthcoming', '2022')).toBe('Forthcoming 2022');
    expect(statusLabel('forthcoming', '2022-03', 'en-GB')).toBe('Forthcoming March 2022');
    expect(statusLabel('forthcoming', null)).toBe('Forthcoming');
    expect(statusLabel('in-preparation', '2023-05-01')).toBe('In preparation 2023');
  });
  it('gives every id its own steady hue', () => {
    expect(coverHue('revolutionary-social-democracy')).toBe(coverHue('revolutionary-social-democracy'));
    expect(coverHue('a')).not.toBe(coverHue('b'));
    for (const id of ['', 'x', 'a-long-book-id']) {
      const h = coverHue(id);
      expect(Number.isInteger(h) && h >= 0 && h < 360).toBe(true);
    }
  });
});

describe('readerLocale', () => {
  it('passes a real locale and drops what Intl would refuse', () => {
    expect(readerLocale('en-GB')).toBe('en-GB');
    expect(readerLocale('C')).toBeUndefined();
    expect(readerLocale('')).toBeUndefined();
    expect(() => new Intl.Collator(readerLocale('C'))).not.toThrow();
  });
});
