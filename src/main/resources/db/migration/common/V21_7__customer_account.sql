-- The account a customer's statements are about (issue 21): an IBAN, validated by its
-- ISO 13616 check digits and stored without spaces, or a domestic account number. Optional:
-- customers imported before, or from files without the column, have none.
ALTER TABLE customer ADD COLUMN account VARCHAR(34);
