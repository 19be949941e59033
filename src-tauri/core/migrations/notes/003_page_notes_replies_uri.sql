-- Notes other tools hand us: a note on the whole article (a page note: no quote, no
-- position), a reply in the thread of the note it answers (its id in `parent`), and the web
-- address an annotation was made on. Every existing note is kept, on its passage, with none.
ALTER TABLE annotations ADD COLUMN whole_article INTEGER NOT NULL DEFAULT 0;
ALTER TABLE annotations ADD COLUMN parent TEXT;
ALTER TABLE annotations ADD COLUMN uri TEXT;
CREATE INDEX annotations_parent ON annotations (parent) WHERE parent IS NOT NULL;
