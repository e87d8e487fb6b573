-- The region of a postal address (US state, Canadian province, Japanese prefecture...),
-- where the post office of the customer's country wants one in the address block
-- (issue 21). Optional: customer files without a region column leave it empty.
ALTER TABLE customer ADD COLUMN region VARCHAR(100);
