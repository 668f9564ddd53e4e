-- Statistics pre-aggregated per applicant force and day (and month), kept
-- right by the database itself: statement-level triggers with transition
-- tables on stalking_protection_order, so every writer (the dataset loader,
-- court decisions updating an order's facts, new orders) keeps them current
-- without knowing they exist. See docs/adr/0001-statistics-pre-aggregation.md.
--
-- An order with made_on contributes, under its applicant force:
--   +1 interim_made or full_made on made_on;
--   +1 active_change on made_on and -1 on the first day it is no longer in
--      force, least(ended_on, expires_on unless until_further_order), when that
--      day is after made_on (an order whose end is on or before made_on was
--      never in force and contributes nothing to active_change).
-- So, per force, orders made in [from, to] = sum of the made counts over those
-- days, and orders in force on D (order-status.ts, inForceOnSql) = sum of
-- active_change over every day <= D.
--
-- The month table holds the same sums per calendar month (month = its first
-- day). Reads take whole months from it and only the days of the month of a
-- bound from the day table, so a query reads a few thousand rows however long
-- the history is. The date leads both keys: reads are date ranges across every
-- force, and the same unique index serves the triggers' ON CONFLICT.
-- Rows whose counts come back to zero stay (harmless to sums, reused later).

CREATE TABLE order_statistics_day (
  day            date NOT NULL,
  force_code     text NOT NULL,
  interim_made   int  NOT NULL DEFAULT 0,
  full_made      int  NOT NULL DEFAULT 0,
  active_change  int  NOT NULL DEFAULT 0,
  PRIMARY KEY (day, force_code)
);

CREATE TABLE order_statistics_month (
  month          date NOT NULL CHECK (month = date_trunc('month', month::timestamp)::date),
  force_code     text NOT NULL,
  interim_made   int  NOT NULL DEFAULT 0,
  full_made      int  NOT NULL DEFAULT 0,
  active_change  int  NOT NULL DEFAULT 0,
  PRIMARY KEY (month, force_code)
);

-- One signed change to the counts of (day, force).
CREATE TYPE order_statistics_delta AS (day date, force_code text, interim_made int, full_made int, active_change int);

-- What one order row contributes, multiplied by `sign` (+1 added, -1 removed).
CREATE FUNCTION order_statistics_contributions(o stalking_protection_order, sign int)
  RETURNS SETOF order_statistics_delta
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT c.day, o.applicant_force_code, sign * c.interim_made, sign * c.full_made, sign * c.active_change
      FROM (SELECT least(o.ended_on, CASE WHEN o.until_further_order THEN NULL ELSE o.expires_on END) AS end_day) e
     CROSS JOIN LATERAL (VALUES
             (o.made_on, (o.kind = 'INTERIM')::int, (o.kind = 'FULL')::int,
              CASE WHEN e.end_day IS NULL OR e.end_day > o.made_on THEN 1 ELSE 0 END),
             (CASE WHEN e.end_day > o.made_on THEN e.end_day END, 0, 0, -1)
           ) AS c (day, interim_made, full_made, active_change)
     WHERE c.day IS NOT NULL AND o.made_on IS NOT NULL
  $$;

-- Adds deltas to both tables, summed per key first; keys whose deltas cancel
-- out (an UPDATE that changed no counted fact) are not touched. Keys are
-- written in key order so concurrent writers lock shared rows in the same
-- order (no deadlock).
CREATE FUNCTION order_statistics_apply(deltas order_statistics_delta[])
  RETURNS void
  LANGUAGE sql
  AS $$
    INSERT INTO order_statistics_day AS s (day, force_code, interim_made, full_made, active_change)
    SELECT d.day, d.force_code, sum(d.interim_made), sum(d.full_made), sum(d.active_change)
      FROM unnest(deltas) AS d
     GROUP BY d.day, d.force_code
    HAVING sum(d.interim_made) <> 0 OR sum(d.full_made) <> 0 OR sum(d.active_change) <> 0
     ORDER BY d.day, d.force_code
    ON CONFLICT (day, force_code) DO UPDATE
       SET interim_made = s.interim_made + excluded.interim_made,
           full_made = s.full_made + excluded.full_made,
           active_change = s.active_change + excluded.active_change;

    INSERT INTO order_statistics_month AS s (month, force_code, interim_made, full_made, active_change)
    SELECT date_trunc('month', d.day::timestamp)::date, d.force_code, sum(d.interim_made), sum(d.full_made), sum(d.active_change)
      FROM unnest(deltas) AS d
     GROUP BY 1, 2
    HAVING sum(d.interim_made) <> 0 OR sum(d.full_made) <> 0 OR sum(d.active_change) <> 0
     ORDER BY 1, 2
    ON CONFLICT (month, force_code) DO UPDATE
       SET interim_made = s.interim_made + excluded.interim_made,
           full_made = s.full_made + excluded.full_made,
           active_change = s.active_change + excluded.active_change;
  $$;

-- One function for the three triggers: the rows an UPDATE replaced are taken
-- away, the rows it wrote are added (an unchanged fact nets to zero).
-- PL/pgSQL plans each statement on first use and per trigger, so a branch
-- naming a transition table its trigger lacks is never planned.
CREATE FUNCTION order_statistics_maintain()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    deltas order_statistics_delta[] := '{}';
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      deltas := deltas || ARRAY(SELECT c FROM old_rows o CROSS JOIN LATERAL order_statistics_contributions(o, -1) c);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      deltas := deltas || ARRAY(SELECT c FROM new_rows n CROSS JOIN LATERAL order_statistics_contributions(n, 1) c);
    END IF;
    IF cardinality(deltas) > 0 THEN
      PERFORM order_statistics_apply(deltas);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER order_statistics_insert AFTER INSERT ON stalking_protection_order
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_statistics_maintain();
CREATE TRIGGER order_statistics_update AFTER UPDATE ON stalking_protection_order
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_statistics_maintain();
CREATE TRIGGER order_statistics_delete AFTER DELETE ON stalking_protection_order
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_statistics_maintain();

-- TRUNCATE has no transition tables: it empties the counts with the rows.
CREATE FUNCTION order_statistics_truncate()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM order_statistics_day;
    DELETE FROM order_statistics_month;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER order_statistics_truncate AFTER TRUNCATE ON stalking_protection_order
  FOR EACH STATEMENT EXECUTE FUNCTION order_statistics_truncate();

-- Backfill from the orders already there. The trigger sees only later writes;
-- CREATE TRIGGER locked the table against writers until this transaction
-- commits, so no write falls between the two.
INSERT INTO order_statistics_day (day, force_code, interim_made, full_made, active_change)
SELECT c.day, c.force_code, sum(c.interim_made), sum(c.full_made), sum(c.active_change)
  FROM stalking_protection_order o CROSS JOIN LATERAL order_statistics_contributions(o, 1) c
 GROUP BY c.day, c.force_code;

INSERT INTO order_statistics_month (month, force_code, interim_made, full_made, active_change)
SELECT date_trunc('month', day::timestamp)::date, force_code, sum(interim_made), sum(full_made), sum(active_change)
  FROM order_statistics_day
 GROUP BY 1, 2;
