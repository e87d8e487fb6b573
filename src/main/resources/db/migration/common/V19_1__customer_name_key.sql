-- Customer matching finds the candidates of rule 1 (same date of birth, similar name) by
-- date of birth and name initials instead of date of birth alone, so that an import does
-- not slow down as more customers share each date of birth (issue 19). The key of the
-- customers already there is filled in by the Java migration 19.1.1
-- (io.tidings.customer.CustomerNameKeyMigration): it needs the ICU transliteration.
ALTER TABLE customer ADD COLUMN name_key VARCHAR(16);
CREATE INDEX customer_birth_date_name_idx ON customer (birth_date, name_key);
DROP INDEX customer_birth_date_idx;

-- The merge summary of `tidings import` counts the records of the imported file: an index
-- instead of a scan of the whole merge log at every import.
CREATE INDEX customer_source_file_idx ON customer_source (source_file);
