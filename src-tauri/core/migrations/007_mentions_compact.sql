-- Mentions, smaller: clustered by entity (what entity pages read), no path (an article's
-- mentions are removed by its slug), one index by article. Everything is linked again at the
-- next import.
DROP TABLE mentions;
CREATE TABLE mentions (
    entity_kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    article TEXT NOT NULL,
    count INTEGER NOT NULL,
    offsets BLOB NOT NULL,
    PRIMARY KEY (entity_kind, entity, article)
) STRICT, WITHOUT ROWID;
CREATE INDEX mentions_article ON mentions (article);
DELETE FROM meta WHERE key = 'linker';
