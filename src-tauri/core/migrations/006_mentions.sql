-- Where each article's plain text names a person or an organization, found at import by the
-- linker: one row per article and entity, with the number of mentions and their byte ranges
-- in entries.text (`offsets`: little-endian u32 start/end pairs). `path` is the article's.
CREATE TABLE mentions (
    article TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    count INTEGER NOT NULL,
    offsets BLOB NOT NULL,
    path TEXT NOT NULL
) STRICT;
CREATE INDEX mentions_entity ON mentions (entity_kind, entity);
CREATE INDEX mentions_article ON mentions (article);
CREATE INDEX mentions_path ON mentions (path);
