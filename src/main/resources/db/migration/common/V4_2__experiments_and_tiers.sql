-- What the select stage fixed for each customer of a run: value tier, control group,
-- experiment variant, and the priority (best expected value) that orders the decide stage.
ALTER TABLE run_audience ADD COLUMN value_tier VARCHAR(10) DEFAULT 'general' NOT NULL;
ALTER TABLE run_audience ADD COLUMN in_control_group BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE run_audience ADD COLUMN variant VARCHAR(40);
ALTER TABLE run_audience ADD COLUMN priority DOUBLE PRECISION DEFAULT 0 NOT NULL;
CREATE INDEX run_audience_priority_idx ON run_audience (campaign, run_key, priority);

-- Why a communication was decided as it was, for history and reports.
ALTER TABLE communication ADD COLUMN variant VARCHAR(40);
ALTER TABLE communication ADD COLUMN model_version VARCHAR(60);
ALTER TABLE communication ADD COLUMN template_version VARCHAR(64);
