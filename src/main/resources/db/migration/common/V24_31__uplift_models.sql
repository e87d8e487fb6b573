-- Uplift models, one row per product and version: the groups they learned from (customers
-- contacted with the offer and held out by a control group, and of each how many took it up).
CREATE TABLE uplift_model (
	product             VARCHAR(40)   NOT NULL,
	version             INTEGER       NOT NULL,
	trained_at          TIMESTAMP WITH TIME ZONE NOT NULL,
	treated             INTEGER       NOT NULL,
	treated_positives   INTEGER       NOT NULL,
	control             INTEGER       NOT NULL,
	control_positives   INTEGER       NOT NULL,
	definition          TEXT          NOT NULL,
	PRIMARY KEY (product, version)
);
