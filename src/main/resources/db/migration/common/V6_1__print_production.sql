-- Print production: the same SQL runs on H2 and PostgreSQL.

-- A print job: the streams of one campaign run (job 0) or of one reprint (1, 2, ...).
CREATE TABLE print_job (
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	job_no           INTEGER       NOT NULL,
	folder           VARCHAR(100)  NOT NULL,
	templates_root   VARCHAR(1000) NOT NULL,
	plex             VARCHAR(7)    NOT NULL,
	state            VARCHAR(12)   NOT NULL,
	prepared_through VARCHAR(36),
	planned_through  VARCHAR(200),
	source_file      VARCHAR(1000),
	source_sha256    VARCHAR(64),
	created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
	completed_at     TIMESTAMP WITH TIME ZONE,
	PRIMARY KEY (campaign, run_key, job_no)
);
CREATE INDEX print_job_source_idx ON print_job (source_sha256);

-- One printed document, or a recipient's copy of it, with the job that prints it, where
-- it goes in the job's presort order and which envelope holds it.
CREATE TABLE print_item (
	communication_id VARCHAR(36)   NOT NULL,
	recipient        VARCHAR(40)   NOT NULL,
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	customer_id      VARCHAR(64)   NOT NULL,
	document_kind    VARCHAR(20)   NOT NULL,
	archive_path     VARCHAR(500)  NOT NULL,
	content_sha256   VARCHAR(64)   NOT NULL,
	pages            INTEGER       NOT NULL,
	sheets           INTEGER       NOT NULL,
	duplex           BOOLEAN       NOT NULL,
	country          VARCHAR(2)    NOT NULL,
	presort_key      VARCHAR(120)  NOT NULL,
	sort_key         VARCHAR(200)  NOT NULL,
	group_key        VARCHAR(40)   NOT NULL,
	mail_class       VARCHAR(20)   NOT NULL,
	envelope_id      VARCHAR(20),
	item_position    INTEGER,
	job_no           INTEGER       NOT NULL,
	PRIMARY KEY (communication_id, recipient)
);
CREATE INDEX print_item_sort_idx ON print_item (campaign, run_key, job_no, sort_key);
CREATE INDEX print_item_envelope_idx ON print_item (envelope_id, item_position);

-- One envelope: the documents of one household (or one document) in presort order.
CREATE TABLE print_envelope (
	envelope_id      VARCHAR(20)   NOT NULL PRIMARY KEY,
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	seq              BIGINT        NOT NULL,
	group_key        VARCHAR(40)   NOT NULL,
	mail_class       VARCHAR(20)   NOT NULL,
	country          VARCHAR(2)    NOT NULL,
	presort_key      VARCHAR(120)  NOT NULL,
	documents        INTEGER       NOT NULL,
	sheets           INTEGER       NOT NULL,
	stream_no        INTEGER,
	CONSTRAINT print_envelope_seq UNIQUE (campaign, run_key, seq)
);
CREATE INDEX print_envelope_stream_idx ON print_envelope (campaign, run_key, stream_no, seq);

-- One stream file of a job; written whole, then marked written with its checksum.
CREATE TABLE print_stream (
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	job_no           INTEGER       NOT NULL,
	stream_no        INTEGER       NOT NULL,
	file             VARCHAR(200)  NOT NULL,
	state            VARCHAR(12)   NOT NULL,
	envelopes        INTEGER       NOT NULL,
	documents        INTEGER       NOT NULL,
	sheets           INTEGER       NOT NULL,
	pages            INTEGER       NOT NULL,
	sha256           VARCHAR(64),
	written_at       TIMESTAMP WITH TIME ZONE,
	PRIMARY KEY (campaign, run_key, job_no, stream_no)
);

-- Envelopes a print shop reported spoiled, and the reprint job that prints them again.
CREATE TABLE print_reprint (
	campaign         VARCHAR(100)  NOT NULL,
	run_key          VARCHAR(40)   NOT NULL,
	job_no           INTEGER       NOT NULL,
	envelope_id      VARCHAR(20)   NOT NULL,
	seq              BIGINT        NOT NULL,
	stream_no        INTEGER       NOT NULL,
	reason           VARCHAR(200),
	PRIMARY KEY (campaign, run_key, job_no, envelope_id)
);
