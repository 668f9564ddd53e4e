-- The terms of the order a breach is of (reportBreach.termsBreached; s.8), by the term's id in orders, each held
-- to the terms in force on the day the breach occurred (domain/breach-report.ts). None recorded: not stated.
CREATE TABLE breach_term_breached (
  breach_id  text NOT NULL REFERENCES breach_offence (id),
  position   int  NOT NULL,
  term_id    text NOT NULL,
  PRIMARY KEY (breach_id, position)
);
