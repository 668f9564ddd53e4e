-- Orders. The summary columns (made_on, expires_on, until_further_order,
-- ended_on, end_reason) are facts written with the events that establish them,
-- in the same transaction; the status is never stored: it is derived from these
-- facts as of the day asked about.
CREATE TABLE stalking_protection_order (
  id                    text PRIMARY KEY,
  reference             text NOT NULL UNIQUE,
  kind                  text NOT NULL CHECK (kind IN ('INTERIM', 'FULL')),
  applicant_force_code  text NOT NULL,
  court_code            text,
  respondent_id         text NOT NULL,
  applied_on            date,
  made_on               date,
  served_on             date,
  expires_on            date,
  until_further_order   boolean NOT NULL DEFAULT false,
  ended_on              date,
  end_reason            text CHECK (end_reason IN ('DISCHARGED', 'SUPERSEDED', 'REFUSED', 'WITHDRAWN')),
  supersedes_id         text REFERENCES stalking_protection_order (id),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (NOT (until_further_order AND expires_on IS NOT NULL))
);
CREATE INDEX spo_respondent ON stalking_protection_order (respondent_id);
CREATE INDEX spo_force_made ON stalking_protection_order (applicant_force_code, made_on);
CREATE INDEX spo_made ON stalking_protection_order (made_on, id);
-- The listing order of orders(): newest first, keyset-paginated.
CREATE INDEX spo_listing ON stalking_protection_order ((coalesce(made_on, applied_on, DATE '0001-01-01')) DESC, id DESC);
CREATE INDEX spo_supersedes ON stalking_protection_order (supersedes_id);

CREATE TABLE order_protected_person (
  order_id   text NOT NULL REFERENCES stalking_protection_order (id),
  person_id  text NOT NULL,
  PRIMARY KEY (order_id, person_id)
);
CREATE INDEX order_protected_person_person ON order_protected_person (person_id);

CREATE TABLE order_term (
  order_id        text NOT NULL REFERENCES stalking_protection_order (id),
  category        text NOT NULL CHECK (category IN ('PROHIBITION', 'REQUIREMENT')),
  position        int  NOT NULL,
  description     text NOT NULL,
  exclusion_area  text,
  PRIMARY KEY (order_id, category, position)
);

-- The order's history. expires_on / until_further_order are set on events that
-- set or change the expiry (MADE of a full order, EXTENDED, RENEWED, VARIED).
CREATE TABLE order_event (
  order_id             text NOT NULL REFERENCES stalking_protection_order (id),
  position             int  NOT NULL,
  type                 text NOT NULL,
  occurred_on          date NOT NULL,
  court_code           text,
  note                 text,
  expires_on           date,
  until_further_order  boolean,
  PRIMARY KEY (order_id, position)
);
