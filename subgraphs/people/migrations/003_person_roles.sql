-- The part each person plays in each order, as the orders subgraph last published it
-- (stream order-facts) or a dataset load wrote it. People never asks orders at request
-- time: whether a person's identity may be shown is decided from these rows alone.
-- A person with no role here is shown to nobody (fail closed): a protected person can
-- never be visible before their role is known.
CREATE TABLE person_role (
  person_id             text NOT NULL,
  order_id              text NOT NULL,
  role                  text NOT NULL CHECK (role IN ('RESPONDENT', 'PROTECTED')),
  applicant_force_code  text NOT NULL,   -- the order's force: whose callers cover a protected person
  court_code            text,            -- the court that made the order
  PRIMARY KEY (person_id, role, order_id)
);
