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
