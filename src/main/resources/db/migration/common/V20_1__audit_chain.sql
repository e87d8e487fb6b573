-- The audit log becomes append-only and hash-chained. The same SQL runs on H2 and PostgreSQL.
-- seq: the entry's place in the chain (NULL for entries written before this migration,
-- which the chain does not cover); entry_hash: SHA-256 of the previous entry's hash and
-- this entry's content; terms: what a customer search looked for (personal data, kept
-- here and never in log files).
ALTER TABLE console_audit ADD COLUMN seq BIGINT;
ALTER TABLE console_audit ADD COLUMN terms VARCHAR(1000);
ALTER TABLE console_audit ADD COLUMN entry_hash VARCHAR(64);
CREATE UNIQUE INDEX console_audit_seq_idx ON console_audit (seq);
