-- Each content file's size and modification time when it was imported, so that an import
-- reads only files whose stamp changed. NULL where the stamp is not trusted (the file was
-- modified moments before it was read): such files are read and hashed again.
ALTER TABLE sources ADD COLUMN size INTEGER;
ALTER TABLE sources ADD COLUMN mtime INTEGER;
