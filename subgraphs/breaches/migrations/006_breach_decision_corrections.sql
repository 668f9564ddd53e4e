-- Correcting recorded hearing outcomes (HearingOutcomeAmended). A hearing's
-- decision on a breach offence keeps the breach as it was before (status, day
-- decided, sentence and its structured disposal), so a correction of that decision can put it back before
-- applying the corrected one.
CREATE TABLE breach_decision_by_hearing (
  hearing_id         text PRIMARY KEY,
  breach_id          text NOT NULL REFERENCES breach_offence (id),
  status_before      text NOT NULL,
  decided_on_before  date,
  sentence_before    text,
  disposal_before    text
);
