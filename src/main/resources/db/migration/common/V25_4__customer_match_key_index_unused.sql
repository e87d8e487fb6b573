-- No query reads customers by match_key (matching looks candidates up by date of birth or
-- household and name initials, by email and by phone), yet every imported customer added
-- an entry to its index at a random place: one more page rewritten per record, and more
-- of them as the customer base grows (issue 19). The column stays. Numbered after the
-- newest migration (24.31): Flyway runs no migration older than the database.
DROP INDEX customer_match_key_idx;
