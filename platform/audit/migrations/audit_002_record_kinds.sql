-- Records get a kind, so a mutation can be recorded in two steps (its intent before
-- it is sent to any subgraph, its outcome after) and a response withheld after its
-- record committed can say so:
--   consultation  a query, committed before its answer left
--   intent        a mutation, committed before it was sent to any subgraph
--   outcome       what the mutation of the same request_id changed and disclosed
--   withheld      the response of request_id was not sent: what its other records list was not disclosed
--   refused       an attempt refused before it ran
-- Records written before this migration have no kind (NULL): one record per
-- operation, written after it ran. They keep hashing as they did (record.ts), so
-- the chain verifies across the change; nothing is updated here (the trail is
-- append-only, and an UPDATE would be refused anyway).
ALTER TABLE audit_record ADD COLUMN kind text;
-- For a mutation's intent: its root fields with the caller's idempotency keys, so a retry
-- with the same keys (its own intent and outcome) is seen to complete an intent left open.
ALTER TABLE audit_record ADD COLUMN retry_key text;
ALTER TABLE audit_record ADD CONSTRAINT audit_record_kind
  CHECK (kind IS NULL OR kind IN ('consultation', 'intent', 'outcome', 'withheld', 'refused'));

-- A request's records (intent, outcome, withheld) are found by its id.
CREATE INDEX audit_record_request_id ON audit_record (request_id);
