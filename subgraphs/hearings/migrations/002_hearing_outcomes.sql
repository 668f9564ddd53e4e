-- Recording outcomes (recordHearingOutcome). The hearing keeps what the court
-- decided about the expiry, for the record; the order's own expiry is the
-- orders subgraph's, set when the outcome event reaches it.
ALTER TABLE court_hearing
  ADD COLUMN decided_expires_on date,
  ADD COLUMN decided_until_further_order boolean,
  ADD COLUMN outcome_recorded_at timestamptz;
