-- Re-anchoring records how sure it is of a fuzzy placement, and the hash of the article text
-- the annotation was last placed in (an unchanged article is not searched again).
ALTER TABLE annotations ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
ALTER TABLE annotations ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
