CREATE TABLE court_hearing (
  id             text PRIMARY KEY,
  case_number    text NOT NULL,
  court_code     text NOT NULL,
  force_code     text NOT NULL,          -- force of the court (partition key)
  type           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('LISTED', 'ADJOURNED', 'HEARD', 'VACATED')),
  listed_for     timestamptz NOT NULL,
  courtroom      text,
  order_id       text,
  respondent_id  text,
  breach_id      text,                   -- set on BREACH_* hearings
  decision       text,
  outcome_note   text
);
CREATE INDEX court_hearing_list ON court_hearing (court_code, listed_for, courtroom);
CREATE INDEX court_hearing_order ON court_hearing (order_id, listed_for);
