-- Preference centre: how a customer wants their statements, as events; the latest decides.
-- The customer file's paperless flag becomes an event with source 'customer-file' when it
-- is first seen (undated, so any explicit choice wins over it) or changes.
CREATE TABLE statement_preference_event (
	event_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
	customer_id      VARCHAR(64)   NOT NULL,
	paperless        BOOLEAN       NOT NULL,
	source           VARCHAR(500)  NOT NULL,
	occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX statement_preference_customer_idx ON statement_preference_event (customer_id, occurred_at);
