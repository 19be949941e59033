-- A stamp for indexes derived from this file: `epoch` is fixed when the file is created,
-- `generation` grows with every import that changed something. The search index records the
-- stamp it was built from and is rebuilt when the two differ.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(8)))), ('generation', '0');
