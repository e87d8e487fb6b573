-- Matching of source records to customers: candidate lookups by date of birth, email,
-- phone and household; the merge log keeps each source record's values and the match
-- score, so that a merge can be undone; undone merges are not made again.
ALTER TABLE customer ADD COLUMN email_key VARCHAR(254);
ALTER TABLE customer ADD COLUMN household_key VARCHAR(400);
CREATE INDEX customer_birth_date_idx ON customer (birth_date);
CREATE INDEX customer_email_key_idx ON customer (email_key);
CREATE INDEX customer_phone_idx ON customer (phone);
CREATE INDEX customer_household_idx ON customer (household_key);

ALTER TABLE customer_source ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE customer_source ADD COLUMN snapshot TEXT;

CREATE TABLE merge_exclusion (
	source_id        VARCHAR(64)   NOT NULL,
	customer_id      VARCHAR(64)   NOT NULL,
	excluded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (source_id, customer_id)
);

-- Room for the reasons why look-alike records were kept apart.
ALTER TABLE customer_source ALTER COLUMN match_rule SET DATA TYPE VARCHAR(1000);
