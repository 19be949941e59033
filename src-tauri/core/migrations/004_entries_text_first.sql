-- `entries` keeps the Markdown body instead of rendered HTML (rendered when an entry is
-- opened; import no longer builds and sanitizes HTML for every file), stored last: SQLite
-- reads a row's columns in order, so reading an entry's text (every search result's snippet)
-- never steps through the body.
-- Everything here is rebuilt from content/, so the table is emptied and the next import
-- reads every file again; the generation moves on so derived indexes are rebuilt too.
DROP TABLE entries;
CREATE TABLE entries (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    date_key INTEGER,
    ord INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    text TEXT NOT NULL,
    headings TEXT NOT NULL,
    footnotes TEXT NOT NULL,
    markdown TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX entries_path ON entries (path);
CREATE INDEX entries_kind_date ON entries (kind, date_key DESC, ord DESC);
DELETE FROM sources;
DELETE FROM tenures;
DELETE FROM events;
DELETE FROM refs;
DELETE FROM problems;
UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation';
