-- The statistics as they are published (applications and their outcome, the
-- decisions after an order, appeals, youth, time to an order), kept by the
-- same triggers as 002/004 (docs/adr/0001-statistics-pre-aggregation.md).
-- Three statistics, each under the applicant force:
--
-- order_statistics (rows of stalking_protection_order; person_facts qualifies
-- them), gaining:
--   an application is an order row applied for that supersedes none (a full
--   order made on an interim order's application is the same application);
--   +1 full_applied on applied_on for every application (every application is
--      for a full order, s.1), +1 interim_applied when it sought an interim
--      order too (s.5: the row is the interim order);
--   +1 pending_change on applied_on when the order is APPLIED that day, -1 on
--      the first later day it is not (made, or ended: refused, withdrawn), so
--      pending on D = pending_change through D, as active_change gives in force;
--   +1 youth_made on made_on when the respondent was 10 to 17 on the day of
--      application (person_facts.date_of_birth; the age rule of platform/dates.ts).
--
-- order_decision_statistics (rows of order_event; the order gives the force):
--   +1 varied, renewed, discharged, refused, withdrawn or appealed on the day
--   of an event of that type. APPEALED is appended when an appeal changed the
--   order (allowed, or the order varied on appeal).
--
-- order_waiting_statistics (rows of stalking_protection_order): a histogram,
-- +1 orders under (made_on, force, kind, made_on - applied_on), so the median
-- of the days from application to an order made in a period is read off the
-- histogram summed over the period and the scope's forces.

-- The age rule of platform/dates.ts ageOn (one attains an age at the start of
-- the anniversary of one's birth), so a youth is the same in SQL and TypeScript.
CREATE FUNCTION spo_age_on(date_of_birth date, day date)
  RETURNS int
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT extract(year FROM day)::int - extract(year FROM date_of_birth)::int
           - (extract(month FROM day) * 100 + extract(day FROM day) < extract(month FROM date_of_birth) * 100 + extract(day FROM date_of_birth))::int
  $$;

-- A youth for an order: aged 10 (the age of criminal responsibility) to 17 on the day of application.
CREATE FUNCTION spo_respondent_youth(date_of_birth date, applied_on date)
  RETURNS boolean
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT coalesce(spo_age_on(date_of_birth, applied_on) BETWEEN 10 AND 17, false)
  $$;

------------------------------------------------------------------------------
-- order_statistics: new columns, contributions redefined, recomputed.

ALTER TABLE order_statistics_day
  ADD COLUMN interim_applied int NOT NULL DEFAULT 0,
  ADD COLUMN full_applied    int NOT NULL DEFAULT 0,
  ADD COLUMN pending_change  int NOT NULL DEFAULT 0,
  ADD COLUMN youth_made      int NOT NULL DEFAULT 0;
ALTER TABLE order_statistics_month
  ADD COLUMN interim_applied int NOT NULL DEFAULT 0,
  ADD COLUMN full_applied    int NOT NULL DEFAULT 0,
  ADD COLUMN pending_change  int NOT NULL DEFAULT 0,
  ADD COLUMN youth_made      int NOT NULL DEFAULT 0;

DROP FUNCTION order_statistics_contributions(stalking_protection_order, int);
DROP TYPE order_statistics_delta;
CREATE TYPE order_statistics_delta AS (
  day date, force_code text, interim_made int, full_made int, active_change int,
  interim_applied int, full_applied int, pending_change int, youth_made int
);

-- What one order contributes. It reads the respondent's date of birth, so it is STABLE.
CREATE FUNCTION order_statistics_contributions(o stalking_protection_order, sign int)
  RETURNS SETOF order_statistics_delta
  LANGUAGE sql STABLE
  AS $$
    SELECT c.day, o.applicant_force_code,
           sign * c.interim_made, sign * c.full_made, sign * c.active_change,
           sign * c.interim_applied, sign * c.full_applied, sign * c.pending_change, sign * c.youth_made
      FROM (SELECT order_status(o, o.made_on) = 'IN_FORCE' AS in_force_when_made,
                   (SELECT min(v.day) FROM (VALUES (o.ended_on), (o.expires_on)) AS v (day)
                     WHERE v.day > o.made_on AND order_status(o, v.day) <> 'IN_FORCE') AS first_day_not_in_force,
                   o.applied_on IS NOT NULL AND o.supersedes_id IS NULL AS application,
                   order_status(o, o.applied_on) = 'APPLIED' AS pending_when_applied,
                   (SELECT min(v.day) FROM (VALUES (o.made_on), (o.ended_on)) AS v (day)
                     WHERE v.day > o.applied_on AND order_status(o, v.day) <> 'APPLIED') AS first_day_not_pending,
                   spo_respondent_youth((SELECT p.date_of_birth FROM person_facts p WHERE p.person_id = o.respondent_id), o.applied_on) AS youth) s
     CROSS JOIN LATERAL (VALUES
             (o.made_on, (o.kind = 'INTERIM')::int, (o.kind = 'FULL')::int, s.in_force_when_made::int, 0, 0, 0, s.youth::int),
             (CASE WHEN s.in_force_when_made THEN s.first_day_not_in_force END, 0, 0, -1, 0, 0, 0, 0),
             (CASE WHEN s.application THEN o.applied_on END, 0, 0, 0,
              (o.kind = 'INTERIM')::int, 1, s.pending_when_applied::int, 0),
             (CASE WHEN s.application AND s.pending_when_applied THEN s.first_day_not_pending END, 0, 0, 0, 0, 0, -1, 0)
           ) AS c (day, interim_made, full_made, active_change, interim_applied, full_applied, pending_change, youth_made)
     WHERE c.day IS NOT NULL
  $$;

-- What a person's date of birth contributes: whether each order against them (made) counts as a youth's. A
-- change of the date of birth takes the old answer away and adds the new one; the orders' own rows read it.
CREATE FUNCTION order_statistics_contributions(p person_facts, sign int)
  RETURNS SETOF order_statistics_delta
  LANGUAGE sql STABLE
  AS $$
    SELECT o.made_on, o.applicant_force_code, 0, 0, 0, 0, 0, 0, sign
      FROM stalking_protection_order o
     WHERE o.respondent_id = p.person_id AND o.made_on IS NOT NULL AND spo_respondent_youth(p.date_of_birth, o.applied_on)
  $$;

SELECT statistics_install_triggers('stalking_protection_order', 'order_statistics',
  ARRAY['interim_made', 'full_made', 'active_change', 'interim_applied', 'full_applied', 'pending_change', 'youth_made']);
SELECT statistics_install_triggers('person_facts', 'order_statistics',
  ARRAY['interim_made', 'full_made', 'active_change', 'interim_applied', 'full_applied', 'pending_change', 'youth_made'],
  empties_on_truncate => false);

-- Emptying person_facts leaves no respondent's age known: no order counts as a youth's.
CREATE FUNCTION order_statistics_person_facts_truncate()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    UPDATE order_statistics_day SET youth_made = 0 WHERE youth_made <> 0;
    UPDATE order_statistics_month SET youth_made = 0 WHERE youth_made <> 0;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER order_statistics_truncate AFTER TRUNCATE ON person_facts
  FOR EACH STATEMENT EXECUTE FUNCTION order_statistics_person_facts_truncate();

-- Recomputed from the rows (the triggers above locked both tables until commit).
DELETE FROM order_statistics_day;
DELETE FROM order_statistics_month;
INSERT INTO order_statistics_day (day, force_code, interim_made, full_made, active_change, interim_applied, full_applied, pending_change, youth_made)
SELECT c.day, c.force_code, sum(c.interim_made), sum(c.full_made), sum(c.active_change),
       sum(c.interim_applied), sum(c.full_applied), sum(c.pending_change), sum(c.youth_made)
  FROM stalking_protection_order o CROSS JOIN LATERAL order_statistics_contributions(o, 1) c
 GROUP BY c.day, c.force_code;
INSERT INTO order_statistics_month (month, force_code, interim_made, full_made, active_change, interim_applied, full_applied, pending_change, youth_made)
SELECT date_trunc('month', day::timestamp)::date, force_code, sum(interim_made), sum(full_made), sum(active_change),
       sum(interim_applied), sum(full_applied), sum(pending_change), sum(youth_made)
  FROM order_statistics_day
 GROUP BY 1, 2;

------------------------------------------------------------------------------
-- order_decision_statistics: decisions in an order's history.

CREATE TABLE order_decision_statistics_day (
  day         date NOT NULL,
  force_code  text NOT NULL,
  varied      int  NOT NULL DEFAULT 0,
  renewed     int  NOT NULL DEFAULT 0,
  discharged  int  NOT NULL DEFAULT 0,
  refused     int  NOT NULL DEFAULT 0,
  withdrawn   int  NOT NULL DEFAULT 0,
  appealed    int  NOT NULL DEFAULT 0,
  PRIMARY KEY (day, force_code)
);
CREATE TABLE order_decision_statistics_month (
  month       date NOT NULL CHECK (month = date_trunc('month', month::timestamp)::date),
  force_code  text NOT NULL,
  varied      int  NOT NULL DEFAULT 0,
  renewed     int  NOT NULL DEFAULT 0,
  discharged  int  NOT NULL DEFAULT 0,
  refused     int  NOT NULL DEFAULT 0,
  withdrawn   int  NOT NULL DEFAULT 0,
  appealed    int  NOT NULL DEFAULT 0,
  PRIMARY KEY (month, force_code)
);
CREATE TYPE order_decision_statistics_delta AS (
  day date, force_code text, varied int, renewed int, discharged int, refused int, withdrawn int, appealed int
);

-- An event's counts, under the force given (its order's applicant force).
CREATE FUNCTION order_decision_counts(e order_event, force_code text, sign int)
  RETURNS order_decision_statistics_delta
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT ROW(e.occurred_on, force_code,
               sign * (e.type = 'VARIED')::int, sign * (e.type = 'RENEWED')::int, sign * (e.type = 'DISCHARGED')::int,
               sign * (e.type = 'REFUSED')::int, sign * (e.type = 'WITHDRAWN')::int, sign * (e.type = 'APPEALED')::int
           )::order_decision_statistics_delta
  $$;

CREATE FUNCTION order_decision_statistics_contributions(e order_event, sign int)
  RETURNS SETOF order_decision_statistics_delta
  LANGUAGE sql STABLE
  AS $$
    SELECT (order_decision_counts(e, o.applicant_force_code, sign)).*
      FROM stalking_protection_order o
     WHERE o.id = e.order_id AND e.type IN ('VARIED', 'RENEWED', 'DISCHARGED', 'REFUSED', 'WITHDRAWN', 'APPEALED')
  $$;

-- An order's events count under its applicant force: a change of that force moves them (the old row's events
-- are taken away, the new row's added; any other change of the order nets to zero).
CREATE FUNCTION order_decision_statistics_contributions(o stalking_protection_order, sign int)
  RETURNS SETOF order_decision_statistics_delta
  LANGUAGE sql STABLE
  AS $$
    SELECT (order_decision_counts(e, o.applicant_force_code, sign)).*
      FROM order_event e
     WHERE e.order_id = o.id AND e.type IN ('VARIED', 'RENEWED', 'DISCHARGED', 'REFUSED', 'WITHDRAWN', 'APPEALED')
  $$;

SELECT statistics_install_triggers('order_event', 'order_decision_statistics',
  ARRAY['varied', 'renewed', 'discharged', 'refused', 'withdrawn', 'appealed']);
-- An order is deleted or truncated only with its events (the foreign key): the events' triggers count that.
SELECT statistics_install_triggers('stalking_protection_order', 'order_decision_statistics',
  ARRAY['varied', 'renewed', 'discharged', 'refused', 'withdrawn', 'appealed']);

INSERT INTO order_decision_statistics_day (day, force_code, varied, renewed, discharged, refused, withdrawn, appealed)
SELECT c.day, c.force_code, sum(c.varied), sum(c.renewed), sum(c.discharged), sum(c.refused), sum(c.withdrawn), sum(c.appealed)
  FROM order_event e CROSS JOIN LATERAL order_decision_statistics_contributions(e, 1) c
 GROUP BY c.day, c.force_code;
INSERT INTO order_decision_statistics_month (month, force_code, varied, renewed, discharged, refused, withdrawn, appealed)
SELECT date_trunc('month', day::timestamp)::date, force_code, sum(varied), sum(renewed), sum(discharged), sum(refused), sum(withdrawn), sum(appealed)
  FROM order_decision_statistics_day
 GROUP BY 1, 2;

------------------------------------------------------------------------------
-- order_waiting_statistics: days from application to an order made, per kind.

CREATE TABLE order_waiting_statistics_day (
  day           date NOT NULL,
  force_code    text NOT NULL,
  kind          text NOT NULL,
  waited_days   int  NOT NULL,
  orders        int  NOT NULL DEFAULT 0,
  PRIMARY KEY (day, force_code, kind, waited_days)
);
CREATE TABLE order_waiting_statistics_month (
  month         date NOT NULL CHECK (month = date_trunc('month', month::timestamp)::date),
  force_code    text NOT NULL,
  kind          text NOT NULL,
  waited_days   int  NOT NULL,
  orders        int  NOT NULL DEFAULT 0,
  PRIMARY KEY (month, force_code, kind, waited_days)
);
CREATE TYPE order_waiting_statistics_delta AS (day date, force_code text, kind text, waited_days int, orders int);

CREATE FUNCTION order_waiting_statistics_contributions(o stalking_protection_order, sign int)
  RETURNS SETOF order_waiting_statistics_delta
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT o.made_on, o.applicant_force_code, o.kind, o.made_on - o.applied_on, sign
     WHERE o.made_on IS NOT NULL AND o.applied_on IS NOT NULL
  $$;

SELECT statistics_install_triggers('stalking_protection_order', 'order_waiting_statistics', ARRAY['orders']);

INSERT INTO order_waiting_statistics_day (day, force_code, kind, waited_days, orders)
SELECT c.day, c.force_code, c.kind, c.waited_days, sum(c.orders)
  FROM stalking_protection_order o CROSS JOIN LATERAL order_waiting_statistics_contributions(o, 1) c
 GROUP BY 1, 2, 3, 4;
INSERT INTO order_waiting_statistics_month (month, force_code, kind, waited_days, orders)
SELECT date_trunc('month', day::timestamp)::date, force_code, kind, waited_days, sum(orders)
  FROM order_waiting_statistics_day
 GROUP BY 1, 2, 3, 4;
