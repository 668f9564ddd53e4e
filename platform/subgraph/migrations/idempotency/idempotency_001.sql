-- Idempotent mutations (recordHearingOutcome, reportBreach): one row per
-- caller and idempotency key, written in the same transaction as the change it
-- names, so a retry gets the same result back and a key reused for another
-- request is refused. A refused request rolls back and leaves no row.
CREATE TABLE idempotent_request (
  caller           text NOT NULL,
  idempotency_key  text NOT NULL,
  fingerprint      text NOT NULL,
  result_id        text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, idempotency_key)
);
