// Blogs: a WordPress export (written here) is added from the Blogs view, its images fetched
// from a small HTTP server on 127.0.0.1; with the server stopped, its articles read from the
// Library with real footnotes and their images from the app's own store. The starter library
// can be hidden, and the blog removed after a confirm step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { startDriver, openApp, closeApp, find, screenshot } from './harness.mjs';

const PORT = 4476;
let driver;
let browser;
let server;
let served = 0;
const blog = 'dockside-notes'; // the name typed, as the library keeps it
const first = { slug: 'the-printers-strike', title: 'The printers’ strike of 1919' };
const second = { slug: 'a-bulletin-for-the-docks', title: 'A bulletin for the docks' };

/** A small valid PNG of one colour, `w` × `h`. */
function png(w, h, [r, g, b]) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3).map((_, i) => [r, g, b][i % 3])]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: h }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const images = {
  '/wp-content/uploads/a.png': png(240, 160, [158, 42, 43]),
  '/wp-content/uploads/b.png': png(200, 120, [29, 95, 209]),
};

/** A WXR 1.2 export of two published posts: block-editor footnotes and a [caption] image; hand-made
 * footnotes and a <figure> image. Every word here was written for this test. */
function wxr(base) {
  const footnotes = JSON.stringify([
    { content: 'Minutes of the typographers’ union, <em>Bulletin</em> 4, 1919, p. 2.', id: 'a1f0' },
    { content: 'The employers’ federation conceded the forty-four hour week in May.', id: 'b2e1' },
  ]);
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Dockside Notes</title>
	<link>${base}</link>
	<description>Short studies of port and print workers</description>
	<language>en-GB</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${base}</wp:base_site_url>
	<wp:base_blog_url>${base}</wp:base_blog_url>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ahale]]></wp:author_login><wp:author_display_name><![CDATA[Ada Hale]]></wp:author_display_name></wp:author>

	<item>
		<title><![CDATA[${first.title}]]></title>
		<link>${base}/2024/03/10/${first.slug}/</link>
		<pubDate>Sun, 10 Mar 2024 09:00:00 +0000</pubDate>
		<dc:creator><![CDATA[ahale]]></dc:creator>
		<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>The compositors walked out on a Monday morning.<sup data-fn="a1f0" class="fn"><a href="#a1f0" id="a1f0-link">1</a></sup> Within a week no evening paper reached the streets, and the owners came to the table.<sup data-fn="b2e1" class="fn"><a href="#b2e1" id="b2e1-link">2</a></sup></p>
<!-- /wp:paragraph -->

[caption id="attachment_7" align="alignnone" width="240"]<img src="${base}/wp-content/uploads/a.png" alt="A red square standing for the picket" width="240" height="160" /> The picket outside the works[/caption]

<!-- wp:paragraph -->
<p>The settlement held for a decade.</p>
<!-- /wp:paragraph -->

<!-- wp:footnotes /-->]]></content:encoded>
		<excerpt:encoded><![CDATA[How a week without evening papers won a shorter week.]]></excerpt:encoded>
		<wp:post_id>11</wp:post_id>
		<wp:post_date_gmt><![CDATA[2024-03-10 09:00:00]]></wp:post_date_gmt>
		<wp:post_modified_gmt><![CDATA[2024-03-10 09:00:00]]></wp:post_modified_gmt>
		<wp:post_name><![CDATA[${first.slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:postmeta><wp:meta_key><![CDATA[footnotes]]></wp:meta_key><wp:meta_value><![CDATA[${footnotes}]]></wp:meta_value></wp:postmeta>
	</item>

	<item>
		<title><![CDATA[${second.title}]]></title>
		<link>${base}/2024/02/01/${second.slug}/</link>
		<pubDate>Thu, 01 Feb 2024 09:00:00 +0000</pubDate>
		<dc:creator><![CDATA[ahale]]></dc:creator>
		<content:encoded><![CDATA[<p>The dockers printed their own sheet from 1921.<sup><a href="#fn1" id="ref1">1</a></sup> It carried the rota of the hiring halls.<sup><a href="#fn2" id="ref2">2</a></sup></p>
<figure class="wp-block-image"><img src="${base}/wp-content/uploads/b.png" alt="A blue square standing for the masthead" /><figcaption>The masthead of the first issue</figcaption></figure>
<h3>Notes</h3>
<ol>
<li id="fn1">Port committee minutes, 1921. <a href="#ref1">↩</a></li>
<li id="fn2">Hiring hall rota, no. 3. <a href="#ref2">↩</a></li>
</ol>]]></content:encoded>
		<wp:post_id>12</wp:post_id>
		<wp:post_date_gmt><![CDATA[2024-02-01 09:00:00]]></wp:post_date_gmt>
		<wp:post_modified_gmt><![CDATA[2024-02-01 09:00:00]]></wp:post_modified_gmt>
		<wp:post_name><![CDATA[${second.slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
	</item>
</channel>
</rss>
`;
}

before(async () => {
  server = createServer((req, res) => {
    const body = images[req.url];
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not here');
      return;
    }
    served++;
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const file = join(mkdtempSync(join(tmpdir(), 'lectern-blog-export-')), 'dockside.xml');
  writeFileSync(file, wxr(base));
  driver = await startDriver({ port: PORT, env: { LECTERN_IMPORT_FILE: file } });
  browser = await openApp({ port: PORT });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
  server?.closeAllConnections();
  server?.close();
});

/** The article's footnotes are real ones, and its image comes from the app's store. */
async function checkArticle({ title }, notes, caption) {
  await browser.waitUntil(async () => (await (await find(browser, 'h1')).getText()) === title, { timeoutMsg: `${title} opened` });
  const body = await find(browser, '[data-testid="article-body"]');
  assert.equal(await (await find(browser, '.article-head [data-testid="article-blog"]')).getText(), blog);
  const refs = await body.$$('sup.footnote-ref a');
  assert.equal(refs.length, notes.length, 'each reference is a footnote reference');
  for (const [i, words] of notes.entries()) {
    const note = await body.$(`.footnotes li#fn-${i + 1}`);
    assert.ok(await note.isExisting(), `footnote ${i + 1} is in the notes`);
    assert.ok((await note.getText()).includes(words), `footnote ${i + 1} says "${words}"`);
    assert.ok(await note.$('a.footnote-back').isExisting(), `footnote ${i + 1} links back`);
  }
  const img = await body.$('figure img');
  assert.ok(await img.isExisting(), 'the image is a figure');
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), img);
  assert.match(await img.getAttribute('src'), /^lectern-media:\/\//);
  await browser.waitUntil(() => browser.execute((el) => el.complete && el.naturalWidth > 0, img), {
    timeout: 5000,
    timeoutMsg: 'the stored image loaded with the server stopped',
  });
  assert.equal(await (await body.$('figure figcaption')).getText(), caption);
}

test('a plain http address is accepted with a warning', async () => {
  await (await find(browser, '[data-testid="blogs-link"]')).click();
  await find(browser, '[data-testid="blogs-view"]');
  await (await find(browser, '[data-testid="blog-way-site"]')).click();
  await (await find(browser, '[data-testid="blog-address"]')).setValue('http://blog.example.org');
  const warning = await find(browser, '[data-testid="blog-http-warning"]');
  assert.match(await warning.getText(), /can be read/);
  await (await find(browser, '[data-testid="blog-way-export"]')).click();
});

test('an export is added from the Blogs view, with its images, and what it did is told', async () => {
  await (await find(browser, '[data-testid="blog-name"]')).setValue('Dockside Notes');
  // The work is short: whether its progress showed is watched from the start.
  await browser.execute(() => {
    window.__sawProgress = false;
    new MutationObserver((_, o) => {
      if (document.querySelector('[data-testid="blog-progress"]')) {
        window.__sawProgress = true;
        o.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await (await find(browser, '[data-testid="blog-add-export"]')).click();
  const result = await find(browser, '[data-testid="blog-result"]', { timeout: 60000 });
  const sentence = await (await result.$('[data-testid="blog-result-sentence"]')).getText();
  assert.equal(sentence, '2 articles added.');
  assert.match(await result.getText(), /2 images stored for reading offline/);
  const added = await result.$$('[data-testid="blog-result-added"]').map((a) => a.getText());
  assert.deepEqual([...added].sort(), [first.title, second.title].sort(), 'each added article is linked by its title');
  assert.equal(served, 2, 'both images were fetched');
  const sawProgress = await browser.execute(() => window.__sawProgress);
  assert.ok(sawProgress || /\d+ articles? added/.test(sentence), 'the progress showed, or the result counts what was done');

  const row = await find(browser, `[data-testid="blog-row"][data-name="${blog}"]`);
  assert.equal(await (await row.$('[data-testid="blog-articles"]')).getText(), '2');
  assert.match(await row.getText(), /Dockside Notes/);
  assert.match(await row.getText(), /WordPress export/);
  // The form is usable again once the work is done.
  assert.equal(await (await find(browser, '[data-testid="blog-add-export"]')).isEnabled(), true);
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, 'blogs-added');
});

test('with the server stopped, the articles read from the Library with real footnotes and stored images', async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await (await find(browser, 'nav a[href="#/"]')).click();
  const item = await find(browser, `[data-testid="article-item"][data-slug="${first.slug}"]`);
  assert.equal(await (await item.$('[data-testid="article-blog"]')).getText(), blog);
  await screenshot(browser, 'blogs-library');
  await (await item.$('h2')).click();
  await checkArticle(first, ['typographers’ union', 'forty-four hour week'], 'The picket outside the works');
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, 'blogs-article');

  await browser.execute((s) => (location.hash = `#/article/${s}`), second.slug);
  await checkArticle(second, ['Port committee minutes', 'Hiring hall rota'], 'The masthead of the first issue');
  await screenshot(browser, 'blogs-article-handmade-notes');
});

test('the starter library can be hidden and shown again', async () => {
  await browser.execute(() => (location.hash = '#/blogs'));
  const starter = await find(browser, '[data-testid="starter-shown"]');
  assert.equal(await starter.isSelected(), true);
  await starter.click();
  await browser.waitUntil(async () => /hidden/.test(await (await find(browser, '[data-testid="blog-settings-status"]')).getText()), {
    timeout: 30000,
    timeoutMsg: 'the starter library was hidden',
  });
  await (await find(browser, '[data-testid="blog-settings-status"]')).scrollIntoView({ block: 'end' });
  await screenshot(browser, 'blogs-settings');
  await browser.execute(() => (location.hash = '#/'));
  await browser.waitUntil(async () => (await browser.$$('[data-testid="article-item"]').length) === 2, {
    timeout: 15000,
    timeoutMsg: 'only the blog’s two articles are listed',
  });
  await browser.execute(() => (location.hash = '#/blogs'));
  await (await find(browser, '[data-testid="starter-shown"]')).click();
  await browser.waitUntil(async () => /shown/.test(await (await find(browser, '[data-testid="blog-settings-status"]')).getText()), {
    timeout: 30000,
    timeoutMsg: 'the starter library is back',
  });
});

test('a blog is removed after a confirm step, and its articles leave the Library', async () => {
  const row = await find(browser, `[data-testid="blog-row"][data-name="${blog}"]`);
  await (await row.$('[data-testid="blog-remove"]')).click();
  const confirm = await find(browser, '[data-testid="blog-remove-confirm"]');
  assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), 'blog-remove-confirm', 'the confirm step has the focus');
  assert.match(await (await find(browser, '[data-testid="blog-remove-confirm-box"]')).getText(), /your notes on them are kept/);
  await screenshot(browser, 'blogs-remove-confirm');
  await confirm.click();
  await browser.waitUntil(async () => /Removed/.test(await (await find(browser, '[data-testid="blog-remove-status"]')).getText()), {
    timeout: 30000,
    timeoutMsg: 'the blog was removed',
  });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="blog-row"]').length) === 0, { timeoutMsg: 'the blog left the list' });
  await browser.execute(() => (location.hash = '#/'));
  await find(browser, '[data-testid="article-item"]');
  assert.equal(await browser.$(`[data-testid="article-item"][data-slug="${first.slug}"]`).isExisting(), false);
});
