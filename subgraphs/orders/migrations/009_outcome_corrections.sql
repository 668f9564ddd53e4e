-- Correcting recorded hearing outcomes (HearingOutcomeAmended). Each outcome
-- applied to an order keeps the order's facts as they were before it, and the
-- events it added name the hearing, so a correction can undo exactly that
-- effect: the events stay, marked corrected on the day of the correction, and
-- the facts are those before the original with the corrected effect applied.
ALTER TABLE order_event
  ADD COLUMN hearing_id text,
  ADD COLUMN corrected_on date;
CREATE INDEX order_event_hearing ON order_event (hearing_id) WHERE hearing_id IS NOT NULL;

CREATE TABLE order_outcome_effect (
  hearing_id     text PRIMARY KEY,
  order_id       text NOT NULL REFERENCES stalking_protection_order (id),
  facts_before   jsonb NOT NULL,
  -- A full order the outcome made (superseding the interim order it was about), if any.
  made_order_id  text REFERENCES stalking_protection_order (id)
);

-- An order made by an outcome recorded in error and since corrected never had
-- effect: SET_ASIDE, with no day made (so statistics never count it).
ALTER TABLE stalking_protection_order DROP CONSTRAINT stalking_protection_order_end_reason_check;
ALTER TABLE stalking_protection_order
  ADD CONSTRAINT stalking_protection_order_end_reason_check
  CHECK (end_reason IN ('DISCHARGED', 'SUPERSEDED', 'REFUSED', 'WITHDRAWN', 'SET_ASIDE'));
