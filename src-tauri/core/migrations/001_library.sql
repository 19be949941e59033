-- library.sqlite: everything here is rebuilt from content/ and may be dropped at any time.

-- One row per content file imported, to skip files whose hash is unchanged.
CREATE TABLE sources (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

-- One row per loaded entry of any kind. `data` is the validated front matter as JSON.
CREATE TABLE entries (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    date_key INTEGER,
    ord INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    html TEXT NOT NULL,
    text TEXT NOT NULL,
    headings TEXT NOT NULL,
    footnotes TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX entries_path ON entries (path);
CREATE INDEX entries_kind_date ON entries (kind, date_key DESC, ord DESC);

-- Leadership roles held in organizations.
CREATE TABLE tenures (
    organization TEXT NOT NULL,
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    date_from TEXT,
    date_to TEXT,
    source TEXT NOT NULL,
    cite TEXT,
    pos INTEGER NOT NULL,
    path TEXT NOT NULL
) STRICT;
CREATE INDEX tenures_path ON tenures (path);
CREATE INDEX tenures_person ON tenures (person);

-- Dated events in organizations' histories.
CREATE TABLE events (
    organization TEXT NOT NULL,
    date TEXT NOT NULL,
    date_key INTEGER NOT NULL,
    label TEXT NOT NULL,
    kind TEXT,
    source TEXT NOT NULL,
    cite TEXT,
    pos INTEGER NOT NULL,
    path TEXT NOT NULL
) STRICT;
CREATE INDEX events_path ON events (path);

-- Every reference from one entry to another, checked after each import.
CREATE TABLE refs (
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL
) STRICT;
CREATE INDEX refs_path ON refs (path);

-- Content problems. stage 'file' belongs to one file; stage 'library' comes from
-- cross-checks and is recomputed after every import that changed something.
CREATE TABLE problems (
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    field TEXT NOT NULL,
    message TEXT NOT NULL,
    stage TEXT NOT NULL
) STRICT;
CREATE INDEX problems_path ON problems (path);
