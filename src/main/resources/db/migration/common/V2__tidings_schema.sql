-- Tidings schema: the same SQL runs on H2 and PostgreSQL.

-- One row per person: the single customer view.
CREATE TABLE customer (
	customer_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
	salutation       VARCHAR(40),
	first_name       VARCHAR(200),
	last_name        VARCHAR(200),
	language         VARCHAR(8)    NOT NULL,
	address_line1    VARCHAR(200),
	address_line2    VARCHAR(200),
	postcode         VARCHAR(20),
	city             VARCHAR(100),
	country          VARCHAR(2)    NOT NULL,
	email            VARCHAR(254),
	phone            VARCHAR(20),
	birth_date       DATE,
	balance          DECIMAL(19, 2) NOT NULL,
	currency         VARCHAR(3)    NOT NULL,
	holdings         VARCHAR(1000) NOT NULL,
	children         INTEGER       NOT NULL,
	marital_status   VARCHAR(20),
	consent_email    BOOLEAN       NOT NULL,
	consent_sms      BOOLEAN       NOT NULL,
	paperless        BOOLEAN       NOT NULL,
	attributes       VARCHAR(4000) NOT NULL,
	match_key        VARCHAR(400)  NOT NULL,
	updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX customer_match_key_idx ON customer (match_key);

-- Which source record became which customer (the merge log).
CREATE TABLE customer_source (
	source_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
	customer_id      VARCHAR(64)   NOT NULL,
	match_rule       VARCHAR(100)  NOT NULL,
	source_file      VARCHAR(500)  NOT NULL,
	source_line      BIGINT        NOT NULL,
	imported_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX customer_source_customer_idx ON customer_source (customer_id);

CREATE TABLE account_transaction (
	transaction_id   VARCHAR(64)   NOT NULL PRIMARY KEY,
	customer_id      VARCHAR(64)   NOT NULL,
	booked_on        DATE          NOT NULL,
	description      VARCHAR(300)  NOT NULL,
	amount           DECIMAL(19, 2) NOT NULL,
	currency         VARCHAR(3)    NOT NULL
);
CREATE INDEX account_transaction_customer_idx ON account_transaction (customer_id, booked_on);

-- The audience of one campaign run, fixed by the select stage.
CREATE TABLE run_audience (
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	customer_id      VARCHAR(64)   NOT NULL,
	PRIMARY KEY (campaign, run_key, customer_id)
);

-- The outbox ledger: one row per planned communication, keyed by a deterministic id.
CREATE TABLE communication (
	communication_id VARCHAR(36)   NOT NULL PRIMARY KEY,
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	customer_id      VARCHAR(64)   NOT NULL,
	channel          VARCHAR(10)   NOT NULL,
	document_kind    VARCHAR(20)   NOT NULL,
	offer_code       VARCHAR(40),
	template         VARCHAR(200)  NOT NULL,
	decision_reason  VARCHAR(2000) NOT NULL,
	state            VARCHAR(12)   NOT NULL,
	state_reason     VARCHAR(2000),
	archive_path     VARCHAR(500),
	content_sha256   VARCHAR(64),
	page_count       INTEGER,
	delivery_ref     VARCHAR(300),
	planned_at       TIMESTAMP WITH TIME ZONE NOT NULL,
	rendered_at      TIMESTAMP WITH TIME ZONE,
	sent_at          TIMESTAMP WITH TIME ZONE,
	updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT communication_once_per_kind UNIQUE (campaign, run_key, customer_id, document_kind)
);
CREATE INDEX communication_run_state_idx ON communication (campaign, run_key, state);
CREATE INDEX communication_customer_idx ON communication (customer_id, planned_at);

-- Responses as ingested, one row per distinct response line (idempotent ingest).
CREATE TABLE contact_response (
	response_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
	customer_id      VARCHAR(64)   NOT NULL,
	communication_id VARCHAR(36),
	campaign         VARCHAR(100),
	product          VARCHAR(40)   NOT NULL,
	outcome          VARCHAR(20)   NOT NULL,
	occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	channel          VARCHAR(10),
	source_file      VARCHAR(500)  NOT NULL,
	source_line      BIGINT        NOT NULL,
	ingested_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX contact_response_customer_idx ON contact_response (customer_id, occurred_at);

-- Per customer and product: the response score the next run's offer choice uses.
CREATE TABLE offer_response_score (
	customer_id      VARCHAR(64)   NOT NULL,
	product          VARCHAR(40)   NOT NULL,
	positives        INTEGER       NOT NULL,
	negatives        INTEGER       NOT NULL,
	complaints       INTEGER       NOT NULL,
	score            DOUBLE PRECISION NOT NULL,
	updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (customer_id, product)
);
