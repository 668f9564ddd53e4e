-- Breach statistics pre-aggregated per reporting force and day (and month),
-- kept right by the database itself: statement-level triggers with transition
-- tables on breach_offence, so every writer (the dataset loader, reported
-- breaches, convictions arriving from court hearings) keeps them current
-- without knowing they exist. See docs/adr/0001-statistics-pre-aggregation.md.
--
-- A breach contributes, under its reporting force:
--   +1 reported on reported_on;
--   +1 convicted on decided_on when its status is CONVICTED and decided_on is set.
-- So breaches reported (convictions decided) in [from, to] = the sum over
-- those days. The month table holds the same sums per calendar month (month =
-- its first day): reads take whole months from it and only the days of a
-- bound's month from the day table, so a five-year period reads a few
-- thousand rows. The date leads both keys: reads are date ranges across every
-- force, and the same unique index serves the triggers' ON CONFLICT.
-- Rows whose counts come back to zero stay (harmless to sums, reused later).

CREATE TABLE breach_statistics_day (
  day         date NOT NULL,
  force_code  text NOT NULL,
  reported    int  NOT NULL DEFAULT 0,
  convicted   int  NOT NULL DEFAULT 0,
  PRIMARY KEY (day, force_code)
);

CREATE TABLE breach_statistics_month (
  month       date NOT NULL CHECK (month = date_trunc('month', month::timestamp)::date),
  force_code  text NOT NULL,
  reported    int  NOT NULL DEFAULT 0,
  convicted   int  NOT NULL DEFAULT 0,
  PRIMARY KEY (month, force_code)
);

-- One signed change to the counts of (day, force).
CREATE TYPE breach_statistics_delta AS (day date, force_code text, reported int, convicted int);

-- What one breach row contributes, multiplied by `sign` (+1 added, -1 removed).
CREATE FUNCTION breach_statistics_contributions(b breach_offence, sign int)
  RETURNS SETOF breach_statistics_delta
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT c.day, b.reporting_force_code, sign * c.reported, sign * c.convicted
      FROM (VALUES
             (b.reported_on, 1, 0),
             (CASE WHEN b.status = 'CONVICTED' THEN b.decided_on END, 0, 1)
           ) AS c (day, reported, convicted)
     WHERE c.day IS NOT NULL
  $$;

-- Adds deltas to both tables, summed per key first; keys whose deltas cancel
-- out (an UPDATE that changed no counted fact) are not touched. Keys are
-- written in key order so concurrent writers lock shared rows in the same
-- order (no deadlock).
CREATE FUNCTION breach_statistics_apply(deltas breach_statistics_delta[])
  RETURNS void
  LANGUAGE sql
  AS $$
    INSERT INTO breach_statistics_day AS s (day, force_code, reported, convicted)
    SELECT d.day, d.force_code, sum(d.reported), sum(d.convicted)
      FROM unnest(deltas) AS d
     GROUP BY d.day, d.force_code
    HAVING sum(d.reported) <> 0 OR sum(d.convicted) <> 0
     ORDER BY d.day, d.force_code
    ON CONFLICT (day, force_code) DO UPDATE
       SET reported = s.reported + excluded.reported,
           convicted = s.convicted + excluded.convicted;

    INSERT INTO breach_statistics_month AS s (month, force_code, reported, convicted)
    SELECT date_trunc('month', d.day::timestamp)::date, d.force_code, sum(d.reported), sum(d.convicted)
      FROM unnest(deltas) AS d
     GROUP BY 1, 2
    HAVING sum(d.reported) <> 0 OR sum(d.convicted) <> 0
     ORDER BY 1, 2
    ON CONFLICT (month, force_code) DO UPDATE
       SET reported = s.reported + excluded.reported,
           convicted = s.convicted + excluded.convicted;
  $$;

-- One function for the three triggers: the rows an UPDATE replaced are taken
-- away, the rows it wrote are added (an unchanged fact nets to zero).
-- PL/pgSQL plans each statement on first use and per trigger, so a branch
-- naming a transition table its trigger lacks is never planned.
CREATE FUNCTION breach_statistics_maintain()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    deltas breach_statistics_delta[] := '{}';
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      deltas := deltas || ARRAY(SELECT c FROM old_rows o CROSS JOIN LATERAL breach_statistics_contributions(o, -1) c);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      deltas := deltas || ARRAY(SELECT c FROM new_rows n CROSS JOIN LATERAL breach_statistics_contributions(n, 1) c);
    END IF;
    IF cardinality(deltas) > 0 THEN
      PERFORM breach_statistics_apply(deltas);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER breach_statistics_insert AFTER INSERT ON breach_offence
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION breach_statistics_maintain();
CREATE TRIGGER breach_statistics_update AFTER UPDATE ON breach_offence
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION breach_statistics_maintain();
CREATE TRIGGER breach_statistics_delete AFTER DELETE ON breach_offence
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION breach_statistics_maintain();

-- TRUNCATE has no transition tables: it empties the counts with the rows.
CREATE FUNCTION breach_statistics_truncate()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM breach_statistics_day;
    DELETE FROM breach_statistics_month;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER breach_statistics_truncate AFTER TRUNCATE ON breach_offence
  FOR EACH STATEMENT EXECUTE FUNCTION breach_statistics_truncate();

-- Backfill from the breaches already there. The trigger sees only later
-- writes; CREATE TRIGGER locked the table against writers until this
-- transaction commits, so no write falls between the two.
INSERT INTO breach_statistics_day (day, force_code, reported, convicted)
SELECT c.day, c.force_code, sum(c.reported), sum(c.convicted)
  FROM breach_offence b CROSS JOIN LATERAL breach_statistics_contributions(b, 1) c
 GROUP BY c.day, c.force_code;

INSERT INTO breach_statistics_month (month, force_code, reported, convicted)
SELECT date_trunc('month', day::timestamp)::date, force_code, sum(reported), sum(convicted)
  FROM breach_statistics_day
 GROUP BY 1, 2;
