-- The reader's own work. Positions count UTF-16 code units of the article's plain text (what
-- the UI's strings count, and what Hypothesis and the W3C selectors in browsers use).
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT 'yellow',
    status TEXT NOT NULL DEFAULT 'anchored',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
) STRICT;
CREATE INDEX annotations_article ON annotations (article);

CREATE TABLE tags (
    annotation TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (annotation, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE bookmarks (
    article TEXT PRIMARY KEY,
    created TEXT NOT NULL
) STRICT;

CREATE TABLE reading_positions (
    article TEXT PRIMARY KEY,
    offset INTEGER NOT NULL,
    updated TEXT NOT NULL
) STRICT;
