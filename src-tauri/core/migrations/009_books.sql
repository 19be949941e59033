-- Books: the footnotes' text for the citation linker, what it found, and offers' end dates for
-- the check against the announcement. Articles imported before this migration are read again
-- at the next import (their stored hash no longer matches), which fills footnote_texts.
CREATE TABLE footnote_texts (
    article TEXT NOT NULL,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    -- JSON [[start, end], ...]: byte ranges of emphasized runs in `text`.
    emphasis TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (article, number)
) STRICT, WITHOUT ROWID;
CREATE INDEX footnote_texts_path ON footnote_texts (path);

CREATE TABLE citations (
    article TEXT NOT NULL,
    number INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    -- NULL: cited, not in the list.
    book TEXT,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article, number, pos)
) STRICT, WITHOUT ROWID;
CREATE INDEX citations_book ON citations (book);

CREATE TABLE offer_ends (
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    field TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    -- yyyymmdd of the last day the offer runs.
    last_day_key INTEGER NOT NULL,
    PRIMARY KEY (path, field)
) STRICT, WITHOUT ROWID;

UPDATE sources SET hash = '', size = NULL, mtime = NULL WHERE kind = 'article';
