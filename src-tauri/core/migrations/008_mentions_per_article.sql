-- Mentions, one row per article (see src/mentions/record.rs for `data`): the import inserts
-- one row per article instead of one per article and entity. Everything is linked again at
-- the next import.
DROP TABLE mentions;
CREATE TABLE mentions (
    article TEXT PRIMARY KEY,
    data BLOB NOT NULL
) STRICT, WITHOUT ROWID;
DELETE FROM meta WHERE key = 'linker';
