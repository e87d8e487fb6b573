-- Each print stream holds one mail class, so that a print shop runs it without re-sorting.
-- Streams planned before this column existed have none (NULL): they may mix classes.
ALTER TABLE print_stream ADD COLUMN mail_class VARCHAR(20);
