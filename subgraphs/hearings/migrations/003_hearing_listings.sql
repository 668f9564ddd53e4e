-- Court listing (listHearing, relistHearing, vacateHearing, an adjournment's
-- next hearing): a hearing's place in its courtroom's list, its length, its
-- language, the reporting restrictions and youth marker a court list carries,
-- and the hearing it continues. Hearings listed before this have none of
-- these: no sequence (listed after those with one), English, no restrictions.
ALTER TABLE court_hearing
  ADD COLUMN listing_sequence         int CHECK (listing_sequence >= 1),
  ADD COLUMN listed_duration_minutes  int CHECK (listed_duration_minutes >= 1),
  ADD COLUMN hearing_language         text NOT NULL DEFAULT 'ENGLISH' CHECK (hearing_language IN ('ENGLISH', 'WELSH')),
  -- The ReportingRestriction values, comma separated in their enum's order ('' for none).
  ADD COLUMN reporting_restriction_codes text NOT NULL DEFAULT '',
  ADD COLUMN youth_marker             boolean NOT NULL DEFAULT false,
  -- The adjourned hearing this one continues; each hearing is continued by one next hearing at most.
  ADD COLUMN previous_hearing_id      text REFERENCES court_hearing (id);
CREATE UNIQUE INDEX court_hearing_previous ON court_hearing (previous_hearing_id) WHERE previous_hearing_id IS NOT NULL;

-- Every change of a hearing's place in the list, oldest first: where it was
-- listed, each move and why, its vacating and why. The hearing's own row holds
-- where it is listed now.
CREATE TABLE court_hearing_listing (
  hearing_id               text NOT NULL REFERENCES court_hearing (id),
  position                 int NOT NULL,
  kind                     text NOT NULL CHECK (kind IN ('LISTED', 'RELISTED', 'VACATED')),
  court_code               text NOT NULL,
  listed_for               timestamptz NOT NULL,
  courtroom                text,
  listing_sequence         int,
  listed_duration_minutes  int,
  reason                   text,
  changed_by               text NOT NULL,
  changed_at               timestamptz NOT NULL,
  PRIMARY KEY (hearing_id, position)
);
