-- Contact policy: consent, suppression lists, and scheduling columns of the outbox ledger.
-- The same SQL runs on H2 and PostgreSQL.

-- Consent per customer and channel, as events: the latest event of a channel (or of ALL)
-- decides. Consent flags of the customer file become events with source 'customer-file'
-- when they are first seen or change.
CREATE TABLE consent_event (
	event_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
	customer_id      VARCHAR(64)   NOT NULL,
	channel          VARCHAR(10)   NOT NULL,
	granted          BOOLEAN       NOT NULL,
	source           VARCHAR(500)  NOT NULL,
	occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX consent_event_customer_idx ON consent_event (customer_id, occurred_at);

-- Global suppression lists (by email, phone, normalised address) and customer flags
-- (deceased, gone away): whoever matches an entry is not contacted on its channel.
CREATE TABLE suppression_entry (
	entry_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
	match_kind       VARCHAR(10)   NOT NULL,
	match_value      VARCHAR(500)  NOT NULL,
	channel          VARCHAR(10)   NOT NULL,
	reason           VARCHAR(20)   NOT NULL,
	source           VARCHAR(500)  NOT NULL,
	occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX suppression_entry_match_idx ON suppression_entry (match_kind, match_value);

-- Scheduling of each communication: the day it drops, the moment it may be sent at the
-- earliest, why it was deferred, and what the run report groups by.
ALTER TABLE communication ADD COLUMN reason_code VARCHAR(40);
ALTER TABLE communication ADD COLUMN value_tier VARCHAR(40);
ALTER TABLE communication ADD COLUMN expected_value DOUBLE PRECISION;
ALTER TABLE communication ADD COLUMN drop_date DATE;
ALTER TABLE communication ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;
ALTER TABLE communication ADD COLUMN deferral_code VARCHAR(40);
ALTER TABLE communication ADD COLUMN deferral_reason VARCHAR(2000);
CREATE INDEX communication_campaign_drop_idx ON communication (campaign, drop_date);
