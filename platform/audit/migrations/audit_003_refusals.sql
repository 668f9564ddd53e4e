-- Refused attempts are records too: a request refused for a missing or invalid
-- justification, a reserved alias, an operation limit or authorization (reject
-- mode) is recorded with the code or reason it was refused with. NULL for a
-- request that ran. Nothing ran for a refused one, so it disclosed nothing.
-- The hash covers the column only when it is set (platform/audit/record.ts),
-- so records written before it still verify.
ALTER TABLE audit_record ADD COLUMN refusal text;
