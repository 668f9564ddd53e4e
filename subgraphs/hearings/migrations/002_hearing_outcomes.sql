-- Recording outcomes (recordHearingOutcome). The hearing keeps what the court
-- decided about the expiry, for the record; the order's own expiry is the
-- orders subgraph's, set when the outcome event reaches it.
ALTER TABLE court_hearing
  ADD COLUMN decided_expires_on date,
  ADD COLUMN decided_until_further_order boolean,
  ADD COLUMN outcome_recorded_at timestamptz;

-- One row per idempotency key and caller: a retry finds its request here and
-- gets the same hearing back with nothing changed; the key reused for another
-- request is refused. Written in the same transaction as the outcome.
CREATE TABLE hearing_outcome_request (
  caller           text NOT NULL,
  idempotency_key  text NOT NULL,
  fingerprint      text NOT NULL,
  hearing_id       text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, idempotency_key)
);
