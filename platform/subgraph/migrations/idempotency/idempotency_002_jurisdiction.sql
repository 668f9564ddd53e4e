-- A key belongs to the caller's subject AND jurisdiction: a service account
-- keeps its sub when it is re-issued for other courts or forces, and must not
-- find the results it recorded under its old jurisdiction by replaying a key.
-- Keys recorded before this change keep an empty jurisdiction, which no
-- request has, so they are never replayed (a retry across the upgrade is
-- treated as a new request and checked as one).
ALTER TABLE idempotent_request ADD COLUMN jurisdiction text NOT NULL DEFAULT '';
ALTER TABLE idempotent_request ALTER COLUMN jurisdiction DROP DEFAULT;
ALTER TABLE idempotent_request DROP CONSTRAINT idempotent_request_pkey;
ALTER TABLE idempotent_request ADD PRIMARY KEY (caller, jurisdiction, idempotency_key);
