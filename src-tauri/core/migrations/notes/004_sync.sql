-- Sync, the local side (see `sync::outbox`). Every local write of the notes appends, in its
-- own transaction, one change record to the outbox and keeps what the merge rule needs of
-- what it changed. Clock stamps are kept in their text form, which sorts like the stamps.

-- This installation: its device id (made when the file is first opened with this schema),
-- its clock (the last stamp it gave or saw) and the sequence number of its next record.
CREATE TABLE sync_device (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    device TEXT NOT NULL,
    clock TEXT NOT NULL,
    next_seq INTEGER NOT NULL CHECK (next_seq >= 1)
) STRICT;

-- Change records not yet written to a sync folder, by sequence number: each one line of
-- JSON, as it will be written.
CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY,
    line TEXT NOT NULL
) STRICT;

-- Per annotation, what the merge rule keeps (`rule::Entry`); it outlives a deleted row, so
-- the deletion (a tombstone) is still known. The deciding change: its stamp, the deletion it
-- stands after, whether it is a deletion, and for an edit its state (JSON). The latest edit
-- by stamp alone, if there was one: its stamp, the deletion it had seen, its state (JSON).
CREATE TABLE sync_annotations (
    id TEXT PRIMARY KEY,
    winner TEXT NOT NULL,
    after_delete TEXT,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    winner_state TEXT,
    edit TEXT,
    edit_seen_delete TEXT,
    edit_state TEXT,
    CHECK ((deleted = 1) = (winner_state IS NULL)),
    CHECK ((edit IS NULL) = (edit_state IS NULL))
) STRICT;

-- Per article, the stamp of the latest bookmark change (`set` 0 once removed: the stamp
-- outlives the bookmark) and of the latest reading position.
CREATE TABLE sync_bookmarks (
    article TEXT PRIMARY KEY,
    hlc TEXT NOT NULL,
    "set" INTEGER NOT NULL CHECK ("set" IN (0, 1))
) STRICT;

CREATE TABLE sync_positions (
    article TEXT PRIMARY KEY,
    hlc TEXT NOT NULL,
    offset INTEGER NOT NULL
) STRICT;
