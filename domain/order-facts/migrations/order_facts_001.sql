-- The facts of every order, as the orders subgraph last published them
-- (stream order-facts). Hearings and breaches keep this copy to check court
-- decisions and breach reports against the order's state in one local
-- transaction; orders remains the owner. `version` orders the updates: an older
-- copy never overwrites a newer one, whatever order events arrive in.
CREATE TABLE order_facts (
  id                    text PRIMARY KEY,   -- the order's id
  kind                  text NOT NULL,
  applicant_force_code  text NOT NULL,
  court_code            text,
  respondent_id         text NOT NULL,
  applied_on            date,
  made_on               date,
  expires_on            date,
  until_further_order   boolean NOT NULL,
  ended_on              date,
  end_reason            text,
  supersedes_id         text,
  version               int NOT NULL
);
