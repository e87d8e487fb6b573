-- The number printed on each customer's statement (issue 21): one more than the customer's
-- previous statement, assigned when the run renders the statement and kept, so that a rerun
-- or restart of the same run prints the same number again.
CREATE TABLE statement_number (
    campaign          VARCHAR(100)             NOT NULL,
    run_key           VARCHAR(40)              NOT NULL,
    customer_id       VARCHAR(64)              NOT NULL,
    statement_number  INTEGER                  NOT NULL,
    assigned_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign, run_key, customer_id),
    CONSTRAINT statement_number_customer_uq UNIQUE (customer_id, statement_number)
);
