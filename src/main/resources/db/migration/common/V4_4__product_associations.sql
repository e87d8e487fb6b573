-- Product-to-product associations mined from holdings: customers who hold the antecedent
-- hold the consequent with this support, confidence and lift.
CREATE TABLE product_association (
	antecedent       VARCHAR(40)   NOT NULL,
	consequent       VARCHAR(40)   NOT NULL,
	customers        BIGINT        NOT NULL,
	support          DOUBLE PRECISION NOT NULL,
	confidence       DOUBLE PRECISION NOT NULL,
	lift             DOUBLE PRECISION NOT NULL,
	computed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (antecedent, consequent)
);
