-- Each order's decisions on terms, as the orders subgraph last published them (OrderFactsChanged.terms), without
-- the terms' text: which terms existed when, their types, categories and periods (domain/terms.ts). Hearings
-- checks a decision's terms against them, breaches the terms a breach names. `version` is the order's facts
-- version they were published with: an older copy never overwrites a newer one.
CREATE TABLE order_term_facts (
  id         text PRIMARY KEY,   -- the order's id
  decisions  jsonb NOT NULL,
  version    int NOT NULL
);
