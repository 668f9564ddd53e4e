-- Applications for an order made through the API (applyForOrder).
--
-- What the application rules (domain/applications.ts) need to know of a person
-- the application names, copied from people: the date of birth (which court, s.1(1))
-- and the force whose area the last notified home address is in (s.1(3)). Filled by
-- dataset loads, beside people's own rows; nothing else is copied, and nothing here
-- is served.
CREATE TABLE person_facts (
  person_id        text PRIMARY KEY,
  date_of_birth    date,
  home_force_code  text
);

-- The s.1(3) ground an application rests on and whether an interim order was sought
-- with it. The grounds themselves (case detail) are the note of the order's APPLIED
-- event, guarded as every history note is.
CREATE TABLE order_application (
  order_id        text PRIMARY KEY REFERENCES stalking_protection_order (id),
  area_ground     text CHECK (area_ground IN ('RESIDES_IN_AREA', 'BELIEVED_IN_AREA', 'BELIEVED_COMING_TO_AREA')),
  interim_sought  boolean NOT NULL
);
