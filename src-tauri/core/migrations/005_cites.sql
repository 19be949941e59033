-- The words of its source article that state each tenure and event (`cite`), located in the
-- organization's file, checked against the article's text after every import.
CREATE TABLE cites (
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    field TEXT NOT NULL,
    source TEXT NOT NULL,
    cite TEXT NOT NULL
) STRICT;
CREATE INDEX cites_path ON cites (path);
