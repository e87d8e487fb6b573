-- Customer matching finds the candidates of rule 4 (same household, similar name) by
-- household and name initials instead of household alone, so that an import does not slow
-- down as more customers share an address (issue 19). The name key is now stored for
-- every customer with a name, with or without a date of birth; the Java migration 19.3.1
-- (io.tidings.customer.CustomerHouseholdNameKeyMigration) fills it in for the customers
-- without one that have a household. The new index serves the household lookups too.
CREATE INDEX customer_household_name_idx ON customer (household_key, name_key);
DROP INDEX customer_household_idx;
