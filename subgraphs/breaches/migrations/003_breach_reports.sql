-- Reporting breaches (reportBreach): one row per idempotency key and caller,
-- written in the same transaction as the breach it created, so a retry gets
-- the same breach back and the key reused for another report is refused.
CREATE TABLE breach_report_request (
  caller           text NOT NULL,
  idempotency_key  text NOT NULL,
  fingerprint      text NOT NULL,
  breach_id        text NOT NULL,
  reported_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, idempotency_key)
);
