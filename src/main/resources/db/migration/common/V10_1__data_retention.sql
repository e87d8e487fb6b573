-- Data retention and requests about one customer's data. The same SQL runs on H2 and
-- PostgreSQL.

-- A customer under legal hold is left out of purges and cannot be erased.
ALTER TABLE customer ADD COLUMN legal_hold BOOLEAN DEFAULT FALSE NOT NULL;
-- When the customer's personal data was erased; the row stays for the ledger's sake.
ALTER TABLE customer ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;

-- What was purged, erased, exported or put on hold, when, and a summary: the record a
-- data protection officer shows. Holds ids and counts, no personal data.
CREATE TABLE privacy_action (
	action_id        VARCHAR(36)   NOT NULL PRIMARY KEY,
	action           VARCHAR(20)   NOT NULL,
	customer_id      VARCHAR(64),
	summary          VARCHAR(2000) NOT NULL,
	performed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX privacy_action_customer_idx ON privacy_action (customer_id);
