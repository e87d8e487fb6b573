-- What came back from the transports after sending, one row per distinct event
-- (idempotent ingest): bounces (RFC 3464 delivery status notifications), SMS delivery
-- receipts, inbound SMS keywords, returned mail. Part of the contact history; the
-- outcome of each is also in the communication's state. The same SQL runs on H2 and
-- PostgreSQL.
CREATE TABLE delivery_event (
	event_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
	communication_id VARCHAR(36),
	customer_id      VARCHAR(64),
	channel          VARCHAR(10)   NOT NULL,
	kind             VARCHAR(20)   NOT NULL,
	status           VARCHAR(40),
	detail           VARCHAR(2000),
	address_key      VARCHAR(500),
	occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	source           VARCHAR(500)  NOT NULL,
	source_line      BIGINT        NOT NULL,
	recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX delivery_event_communication_idx ON delivery_event (communication_id);
CREATE INDEX delivery_event_customer_idx ON delivery_event (customer_id, occurred_at);
CREATE INDEX delivery_event_address_idx ON delivery_event (address_key, kind);
