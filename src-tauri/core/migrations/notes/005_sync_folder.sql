-- Sync through a folder (see `notes::sync::run`): where, how it went, and how far each
-- other device's log has been merged.

-- The sync folder this installation uses, if any, and its last run: when it started, when
-- it last went through, and what stopped it (NULL when it went through).
CREATE TABLE sync_folder (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    path TEXT NOT NULL,
    last_run TEXT,
    last_ok TEXT,
    problem TEXT
) STRICT;

-- Every other device whose log was read: its name (the computer's, as it gives it in the
-- folder), the last of its sequence numbers merged, how many of its records changed the
-- notes here, and when its latest merged change was made.
CREATE TABLE sync_peers (
    device TEXT PRIMARY KEY,
    name TEXT,
    applied INTEGER NOT NULL CHECK (applied >= 0),
    changes INTEGER NOT NULL DEFAULT 0,
    last_change TEXT
) STRICT;

-- The conflict copies the merge rule shows now (`rule::Entry::conflict`), by the copy's id,
-- with the annotation each is a copy of: an edit made after a deletion its device had not
-- seen, kept until the reader decides.
CREATE TABLE sync_copies (
    copy TEXT PRIMARY KEY,
    of TEXT NOT NULL
) STRICT;

-- Whether the notes made before sync came have been given their records (done once, at the
-- first run).
ALTER TABLE sync_device ADD COLUMN backfilled INTEGER NOT NULL DEFAULT 0 CHECK (backfilled IN (0, 1));

-- An annotation's latest edit is most often its deciding change: its state is then kept once
-- (`edit_state` NULL beside an `edit` stamp equal to `winner`), which halves the table.
CREATE TABLE sync_annotations_once (
    id TEXT PRIMARY KEY,
    winner TEXT NOT NULL,
    after_delete TEXT,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    winner_state TEXT,
    edit TEXT,
    edit_seen_delete TEXT,
    edit_state TEXT,
    CHECK ((deleted = 1) = (winner_state IS NULL)),
    CHECK (edit_state IS NULL OR edit IS NOT NULL),
    CHECK (edit_state IS NOT NULL OR edit IS NULL OR edit = winner)
) STRICT;
INSERT INTO sync_annotations_once SELECT * FROM sync_annotations;
DROP TABLE sync_annotations;
ALTER TABLE sync_annotations_once RENAME TO sync_annotations;
