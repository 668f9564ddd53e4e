-- People: respondents and protected persons. force_code is the recording force
-- (the partition key at national scale), not an access boundary for identity.
CREATE TABLE person (
  id             text PRIMARY KEY,
  force_code     text NOT NULL,
  pnc_id         text UNIQUE,            -- normalised long form YYYY/NNNNNNNC
  given_name     text NOT NULL,
  family_name    text NOT NULL,
  date_of_birth  date
);
CREATE INDEX person_family_name_dob ON person (lower(family_name), date_of_birth);

CREATE TABLE person_alias (
  person_id    text NOT NULL REFERENCES person (id),
  position     int  NOT NULL,
  given_name   text NOT NULL,
  family_name  text NOT NULL,
  PRIMARY KEY (person_id, position)
);
CREATE INDEX person_alias_family_name ON person_alias (lower(family_name));

-- s.9 notification: a respondent notifies the police of names and addresses.
CREATE TABLE notified_address (
  id              text PRIMARY KEY,
  person_id       text NOT NULL REFERENCES person (id),
  force_code      text NOT NULL,          -- the force that received the notification
  address         text NOT NULL,
  notified_on     date NOT NULL,
  police_station  text
);
CREATE INDEX notified_address_person ON notified_address (person_id, notified_on);
