-- Breaches reported per offence type (s.8 breach of the order, s.11 notification failures), per reporting
-- force and day (and month), kept by the shared triggers (docs/adr/0001-statistics-pre-aggregation.md): the
-- offence type is a key after force_code, so a new type needs no new column. Summed over the types, they
-- are breach_statistics' `reported`.
CREATE TABLE breach_type_statistics_day (
  day           date NOT NULL,
  force_code    text NOT NULL,
  offence_type  text NOT NULL,
  reported      int  NOT NULL DEFAULT 0,
  PRIMARY KEY (day, force_code, offence_type)
);
CREATE TABLE breach_type_statistics_month (
  month         date NOT NULL CHECK (month = date_trunc('month', month::timestamp)::date),
  force_code    text NOT NULL,
  offence_type  text NOT NULL,
  reported      int  NOT NULL DEFAULT 0,
  PRIMARY KEY (month, force_code, offence_type)
);
CREATE TYPE breach_type_statistics_delta AS (day date, force_code text, offence_type text, reported int);

CREATE FUNCTION breach_type_statistics_contributions(b breach_offence, sign int)
  RETURNS SETOF breach_type_statistics_delta
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT b.reported_on, b.reporting_force_code, b.offence_type, sign
  $$;

SELECT statistics_install_triggers('breach_offence', 'breach_type_statistics', ARRAY['reported']);

INSERT INTO breach_type_statistics_day (day, force_code, offence_type, reported)
SELECT reported_on, reporting_force_code, offence_type, count(*) FROM breach_offence GROUP BY 1, 2, 3;
INSERT INTO breach_type_statistics_month (month, force_code, offence_type, reported)
SELECT date_trunc('month', day::timestamp)::date, force_code, offence_type, sum(reported) FROM breach_type_statistics_day GROUP BY 1, 2, 3;
