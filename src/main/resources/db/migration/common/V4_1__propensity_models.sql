-- Propensity models, one row per product and version.
CREATE TABLE propensity_model (
	product             VARCHAR(40)   NOT NULL,
	version             INTEGER       NOT NULL,
	trained_at          TIMESTAMP WITH TIME ZONE NOT NULL,
	training_rows       INTEGER       NOT NULL,
	positives           INTEGER       NOT NULL,
	cross_validated_auc DOUBLE PRECISION NOT NULL,
	definition          TEXT          NOT NULL,
	PRIMARY KEY (product, version)
);
