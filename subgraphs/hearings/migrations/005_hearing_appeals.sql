-- Crown Court appeals (Stalking Protection Act 2019 s.7) recorded through recordHearingOutcome: the appeal's
-- outcome in the Crown Court's own terms, what was appealed against and by whom (domain/appeals.ts), beside the
-- CourtDecision it is recorded as (decision). Null on every other hearing, and on appeals recorded by decision alone.
ALTER TABLE court_hearing
  ADD COLUMN appeal_outcome text CHECK (appeal_outcome IN ('ALLOWED', 'DISMISSED', 'VARIED', 'ABANDONED')),
  ADD COLUMN appeal_against text CHECK (appeal_against IN ('ORDER_MADE', 'INTERIM_ORDER_MADE', 'ORDER_REFUSED', 'INTERIM_ORDER_REFUSED', 'SECTION_4_ORDER', 'SECTION_4_REFUSED')),
  ADD COLUMN appellant text CHECK (appellant IN ('DEFENDANT', 'APPLICANT_CHIEF_OFFICER', 'RELEVANT_CHIEF_OFFICER')),
  ADD COLUMN section4_application_by text CHECK (section4_application_by IN ('CHIEF_OFFICER', 'DEFENDANT'));
