// A generated library at the size of several real blogs: the bundled library copied, and beside
// it `count` short articles spread over 125 years and their months, with 24 tags, the starter
// library's people as authors, and one article in five a part of a five-part series. Also a
// JSON-LD file of notes on them. Deterministic: article n is always the same.
// Used by the end-to-end test of a large library and by the scrolling and Notes benchmarks.
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './harness.mjs';

export const FIRST_YEAR = 1900;
export const YEARS = 125;
export const TAGS = Array.from({ length: 24 }, (_, i) => `generated tag ${String.fromCharCode(97 + i)}`);
export const SERIES_PARTS = 5;

const WORDS = 'strike union congress party council delegates wages factory press leaflet comrades league federation'.split(' ');
const people = readdirSync(join(root, 'content/people'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3))
  .sort();

/** What article `n` is: its slug, date, tags, author, series part (if any) and first sentence. */
export function articleOf(n) {
  const year = FIRST_YEAR + (n % YEARS);
  const month = 1 + (Math.floor(n / YEARS) % 12);
  const day = 1 + (n % 28);
  const inSeries = n % 5 === 0;
  const group = Math.floor(n / 5);
  return {
    slug: `gen-${String(n).padStart(6, '0')}`,
    title: `Generated ${WORDS[n % WORDS.length]} report ${n}`,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    year,
    month,
    tags: [TAGS[n % TAGS.length], TAGS[(n * 7 + 3) % TAGS.length]].filter((t, i, all) => all.indexOf(t) === i),
    author: people[n % people.length],
    // Every fifth article, in groups of five consecutive such articles, makes one series.
    series: inSeries ? { id: `gen-series-${Math.floor(group / SERIES_PARTS)}`, part: 1 + (group % SERIES_PARTS) } : null,
    sentence: `Report ${n} tells of the ${WORDS[n % WORDS.length]} and the ${WORDS[(n * 3) % WORDS.length]} in ${year}.`,
  };
}

const toml = (s) => JSON.stringify(s);

/** Writes the library into `dir` (a new folder): the bundled content and `count` generated articles. */
export function writeLibrary(dir, count) {
  cpSync(join(root, 'content'), dir, { recursive: true });
  const articles = join(dir, 'articles');
  const series = join(dir, 'series');
  mkdirSync(series, { recursive: true });
  const seriesCount = Math.ceil(Math.ceil(count / 5) / SERIES_PARTS);
  for (let s = 0; s < seriesCount; s++) {
    const parts = Array.from({ length: SERIES_PARTS }, (_, p) => `[[parts]]\npart = ${p + 1}\ntitle = ${toml(`Part ${p + 1}`)}\n`);
    writeFileSync(join(series, `gen-series-${s}.md`), `+++\ntitle = ${toml(`Generated series ${s}`)}\n\n${parts.join('\n')}+++\n`);
  }
  for (let n = 0; n < count; n++) {
    const a = articleOf(n);
    const front = [
      `title = ${toml(a.title)}`,
      `authors = [${toml(a.author)}]`,
      `date = ${toml(a.date)}`,
      `tags = [${a.tags.map(toml).join(', ')}]`,
      ...(a.series ? [`series = { id = ${toml(a.series.id)}, part = ${a.series.part} }`] : []),
    ];
    const body = `${a.sentence}\n\nThe ${WORDS[(n + 5) % WORDS.length]} met again the week after, and the ${WORDS[(n + 9) % WORDS.length]} answered.\n`;
    writeFileSync(join(articles, `${a.slug}.md`), `+++\n${front.join('\n')}\n+++\n${body}`);
  }
  return { count, seriesCount };
}

/** A W3C JSON-LD collection of `count` notes, one on each of the first `count` generated
 * articles (wrapping round), each highlighting the article's first sentence. */
export function notesCollection(count, articles) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const a = articleOf(i % articles);
    items.push({
      id: `urn:uuid:00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      type: 'Annotation',
      created: `2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      modified: '2026-01-01T00:00:00Z',
      body: [{ type: 'TextualBody', value: `Generated note ${i}`, purpose: 'commenting' }],
      target: {
        source: `tag:lectern.app,2026:article/${a.slug}`,
        selector: [
          { type: 'TextQuoteSelector', exact: a.sentence },
          { type: 'TextPositionSelector', start: 0, end: a.sentence.length },
        ],
      },
    });
  }
  return { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', id: 'urn:uuid:00000000-0000-4000-9000-00000000c0c0', first: { type: 'AnnotationPage', items } };
}
