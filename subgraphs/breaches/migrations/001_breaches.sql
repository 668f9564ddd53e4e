CREATE TABLE breach_offence (
  id                    text PRIMARY KEY,
  offence_type          text NOT NULL CHECK (offence_type IN ('BREACH_OF_ORDER', 'NOTIFICATION_FAILURE', 'FALSE_NOTIFICATION')),
  offence_code          text,
  order_id              text,
  order_force_code      text,            -- applicant force of the order breached
  offender_id           text NOT NULL,
  reporting_force_code  text NOT NULL,
  occurred_on           date NOT NULL,
  reported_on           date NOT NULL,
  description           text,
  status                text NOT NULL CHECK (status IN ('REPORTED', 'UNDER_INVESTIGATION', 'CHARGED', 'NO_FURTHER_ACTION', 'CONVICTED', 'ACQUITTED')),
  decided_on            date,            -- date of conviction or acquittal
  sentence              text
);
CREATE INDEX breach_order ON breach_offence (order_id, occurred_on);
CREATE INDEX breach_offender ON breach_offence (offender_id, occurred_on);
-- Statistics count one period across every force: the date leads so a period
-- is one range scan per index (combined by a BitmapOr), and the force code
-- rides along for the GROUP BY.
CREATE INDEX breach_reported ON breach_offence (reported_on, reporting_force_code);
CREATE INDEX breach_convicted ON breach_offence (decided_on, reporting_force_code) WHERE status = 'CONVICTED';
