-- PostgreSQL refuses to change or remove an audit entry, whoever asks: the audit log is
-- append-only. (On H2 the hash chain shows such a change: tidings audit verify.)
CREATE FUNCTION console_audit_append_only() RETURNS trigger AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER console_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON console_audit
	FOR EACH ROW EXECUTE FUNCTION console_audit_append_only();

CREATE TRIGGER console_audit_no_truncate BEFORE TRUNCATE ON console_audit
	FOR EACH STATEMENT EXECUTE FUNCTION console_audit_append_only();
