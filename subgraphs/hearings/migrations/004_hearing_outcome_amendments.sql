-- Correcting recorded outcomes (amendHearingOutcome). A correction is judged
-- against the order as it stood before the original outcome took effect, so an
-- outcome keeps the order facts it was checked against (null for an outcome
-- recorded before this, or about no order).
ALTER TABLE court_hearing ADD COLUMN order_facts_before jsonb;

-- Every outcome that was corrected, as it was recorded, with when and why it
-- was corrected: never overwritten, so the hearing's history shows what the
-- court's record said before. The hearing's own columns hold the outcome that
-- stands.
CREATE TABLE hearing_outcome_amendment (
  hearing_id           text NOT NULL REFERENCES court_hearing (id),
  number               int  NOT NULL,
  status               text NOT NULL,
  decision             text,
  outcome_note         text,
  expires_on           date,
  until_further_order  boolean,
  recorded_at          timestamptz,
  corrected_at         timestamptz NOT NULL,
  correction_reason    text NOT NULL,
  PRIMARY KEY (hearing_id, number)
);
