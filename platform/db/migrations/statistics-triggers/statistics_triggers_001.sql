-- The machinery that keeps pre-aggregated statistics current, written once
-- for every subgraph that has some (docs/adr/0001-statistics-pre-aggregation.md).
-- A statistics `name` is, in the subgraph's own migration:
--   <name>_day (day, force_code, counts...)     PRIMARY KEY (day, force_code)
--   <name>_month (month, force_code, counts...) PRIMARY KEY (month, force_code)
--   <name>_delta, a composite type (day, force_code, counts...)
--   <name>_contributions(row, sign int) RETURNS SETOF <name>_delta: what one
--     row of the source table contributes, multiplied by sign (+1 added, -1 removed)
-- and statistics_install_triggers(source table, name, counts) puts the
-- triggers below on the source table. What differs between statistics is what
-- a row contributes; how contributions reach the tables is the same for all.

-- One function for the INSERT, UPDATE and DELETE triggers (statement-level,
-- with transition tables): the rows an UPDATE replaced are taken away, the
-- rows it wrote are added, so an unchanged fact nets to zero. Arguments: the
-- statistics name, then its count columns. The deltas are summed per key
-- first and keys whose deltas cancel out are not touched; keys are written in
-- key order, the month table then the day table in every writer, so
-- concurrent writers lock shared rows in the same order (no deadlock).
-- Dynamic SQL sees the transition tables: PL/pgSQL registers them for every
-- query of the trigger function.
CREATE FUNCTION statistics_maintain()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    stats text := TG_ARGV[0];
    counts text[] := TG_ARGV[1:TG_NARGS - 1];
    contributions text := quote_ident(stats || '_contributions');
    deltas text;
    sums text;
    nonzero text;
    additions text;
  BEGIN
    deltas := CASE TG_OP
      WHEN 'INSERT' THEN format('SELECT c.* FROM new_rows r CROSS JOIN LATERAL %s(r, 1) c', contributions)
      WHEN 'DELETE' THEN format('SELECT c.* FROM old_rows r CROSS JOIN LATERAL %s(r, -1) c', contributions)
      ELSE format('SELECT c.* FROM old_rows r CROSS JOIN LATERAL %1$s(r, -1) c UNION ALL SELECT c.* FROM new_rows r CROSS JOIN LATERAL %1$s(r, 1) c', contributions)
    END;
    SELECT string_agg(format('sum(d.%I)', count), ', '),
           string_agg(format('sum(d.%I) <> 0', count), ' OR '),
           string_agg(format('%1$I = s.%1$I + excluded.%1$I', count), ', ')
      INTO sums, nonzero, additions
      FROM unnest(counts) AS c (count);
    EXECUTE format(
      $sql$
        WITH d AS MATERIALIZED (%1$s),
        days AS (
          INSERT INTO %2$I AS s (day, force_code, %4$s)
          SELECT d.day, d.force_code, %5$s FROM d GROUP BY d.day, d.force_code HAVING %6$s ORDER BY d.day, d.force_code
          ON CONFLICT (day, force_code) DO UPDATE SET %7$s)
        INSERT INTO %3$I AS s (month, force_code, %4$s)
        SELECT date_trunc('month', d.day::timestamp)::date, d.force_code, %5$s FROM d GROUP BY 1, 2 HAVING %6$s ORDER BY 1, 2
        ON CONFLICT (month, force_code) DO UPDATE SET %7$s
      $sql$,
      deltas, stats || '_day', stats || '_month',
      (SELECT string_agg(quote_ident(count), ', ') FROM unnest(counts) AS c (count)), sums, nonzero, additions);
    RETURN NULL;
  END
  $$;

-- TRUNCATE has no transition tables: it empties the counts with the rows.
CREATE FUNCTION statistics_truncate()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    EXECUTE format('DELETE FROM %I', TG_ARGV[0] || '_day');
    EXECUTE format('DELETE FROM %I', TG_ARGV[0] || '_month');
    RETURN NULL;
  END
  $$;

-- Puts the four triggers of statistics `stats` on `source` (replacing any of
-- the same names): <name>_insert, _update, _delete and _truncate.
CREATE FUNCTION statistics_install_triggers(source regclass, stats text, counts text[])
  RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    arguments text := (SELECT string_agg(quote_literal(argument), ', ') FROM unnest(stats || counts) AS a (argument));
    t record;
  BEGIN
    FOR t IN
      SELECT * FROM (VALUES
        ('insert', 'INSERT', 'REFERENCING NEW TABLE AS new_rows', 'statistics_maintain'),
        ('update', 'UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows', 'statistics_maintain'),
        ('delete', 'DELETE', 'REFERENCING OLD TABLE AS old_rows', 'statistics_maintain'),
        ('truncate', 'TRUNCATE', '', 'statistics_truncate')
      ) AS t (suffix, event, transition_tables, fn)
    LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', stats || '_' || t.suffix, source);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %s %s FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)',
                     stats || '_' || t.suffix, t.event, source, t.transition_tables, t.fn, arguments);
    END LOOP;
  END
  $$;
