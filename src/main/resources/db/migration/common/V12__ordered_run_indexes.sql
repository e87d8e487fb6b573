-- Indexes that give a run's rows in the order its stages page through them, so that each
-- page is read from an index instead of scanning and sorting the whole run again: the
-- cost of a page stays the same however large the run (issue 9).

-- the ledger by state in id order: the render and deliver readers, print preparation
CREATE INDEX communication_run_state_id_idx ON communication (campaign, run_key, state, communication_id);
DROP INDEX communication_run_state_idx;

