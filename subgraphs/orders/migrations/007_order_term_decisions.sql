-- The terms of an order decision by decision (Stalking Protection Act 2019 s.2, s.4; domain/terms.ts): each
-- decision that made, varied or removed terms, with its changes as domain/terms.ts's TermChange list (MAKE with
-- the term's content, VARY with what it changes, REMOVE). What was in force on a day, and each term's history
-- (made by, varied by, effective from and to), is the fold of these up to that day.
--
-- order_term keeps the terms an order held before decisions were recorded (the dataset's rows) and the terms
-- an application proposes: when no decision recorded here made the order, those rows are the terms made by the
-- decision that made it, on the day it was made (decisionsWithInitialTerms).
CREATE TABLE order_term_decision (
  order_id    text NOT NULL REFERENCES stalking_protection_order (id),
  sequence    int  NOT NULL,            -- the order decisions were applied in
  hearing_id  text NOT NULL,            -- the hearing whose outcome the decision is
  decided_on  date NOT NULL,
  effect      text NOT NULL,            -- domain/court-decisions.ts OrderEffect kind
  changes     jsonb NOT NULL,
  PRIMARY KEY (order_id, sequence),
  UNIQUE (order_id, hearing_id)
);
