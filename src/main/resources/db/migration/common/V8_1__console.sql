-- The web console and scheduler of tidings serve. The same SQL runs on H2 and PostgreSQL.

-- Who ran, approved, restarted, enabled or disabled which job, and who viewed which
-- customer or document: what an auditor asks for. Ids and user names only.
CREATE TABLE console_audit (
	audit_id         VARCHAR(36)   NOT NULL PRIMARY KEY,
	occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	username         VARCHAR(100)  NOT NULL,
	action           VARCHAR(40)   NOT NULL,
	target           VARCHAR(200),
	detail           VARCHAR(2000)
);
CREATE INDEX console_audit_occurred_idx ON console_audit (occurred_at);
CREATE INDEX console_audit_target_idx ON console_audit (target);

-- The scheduler's state of each job file (by file name): whether it is enabled, and the
-- last scheduled time that was handled (run or skipped), shared by every serve process.
CREATE TABLE console_schedule (
	job_name         VARCHAR(200)  NOT NULL PRIMARY KEY,
	enabled          BOOLEAN       NOT NULL,
	last_fire_at     TIMESTAMP WITH TIME ZONE,
	updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_by       VARCHAR(100)  NOT NULL
);

-- ShedLock's lock table: one row per campaign while a run of it holds the lock, so that
-- several serve processes sharing the database never run one campaign twice at once.
CREATE TABLE shedlock (
	name             VARCHAR(64)   NOT NULL PRIMARY KEY,
	lock_until       TIMESTAMP(3)  NOT NULL,
	locked_at        TIMESTAMP(3)  NOT NULL,
	locked_by        VARCHAR(255)  NOT NULL
);
