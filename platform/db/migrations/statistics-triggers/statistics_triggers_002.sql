-- Statistics kept by more than (day, force_code): a histogram (days from an
-- application to its order, per kind) or a breakdown (breaches per offence
-- type) adds key columns after force_code. The keys are what the day table's
-- primary key names after `day`, read from the catalog, so a statistics whose
-- key is (day, force_code) works as before and its triggers need no new
-- arguments. The month table's primary key is the same with `month` first.
--
-- A statistics may also count rows of more than one table (an order's events
-- under the order's force; orders against a youth by the person's date of
-- birth): each source table has its own <name>_contributions overload, and a
-- table other than the one whose rows are counted keeps its own TRUNCATE
-- rule (statistics_install_triggers(..., empties_on_truncate => false)).

CREATE FUNCTION statistics_keys(stats text)
  RETURNS text[]
  LANGUAGE sql STABLE
  AS $$
    SELECT array_agg(a.attname::text ORDER BY k.ordinality)
      FROM pg_index i
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k (attnum, ordinality)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = (stats || '_day')::regclass AND i.indisprimary AND a.attname <> 'day'
  $$;

CREATE OR REPLACE FUNCTION statistics_maintain()
  RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    stats text := TG_ARGV[0];
    counts text[] := TG_ARGV[1:TG_NARGS - 1];
    keys text := (SELECT string_agg(format('d.%I', key), ', ') FROM unnest(statistics_keys(stats)) AS k (key));
    key_names text := (SELECT string_agg(quote_ident(key), ', ') FROM unnest(statistics_keys(stats)) AS k (key));
    contributions text := quote_ident(stats || '_contributions');
    source_type text := TG_RELID::regclass::text;
    deltas text;
    sums text;
    nonzero text;
    additions text;
  BEGIN
    -- A transition table's rows are anonymous records: typed as the source table's rows, the overload of
    -- <name>_contributions for that table is the one called.
    deltas := CASE TG_OP
      WHEN 'INSERT' THEN format('SELECT c.* FROM new_rows r CROSS JOIN LATERAL %s(ROW(r.*)::%s, 1) c', contributions, source_type)
      WHEN 'DELETE' THEN format('SELECT c.* FROM old_rows r CROSS JOIN LATERAL %s(ROW(r.*)::%s, -1) c', contributions, source_type)
      ELSE format('SELECT c.* FROM old_rows r CROSS JOIN LATERAL %1$s(ROW(r.*)::%2$s, -1) c UNION ALL SELECT c.* FROM new_rows r CROSS JOIN LATERAL %1$s(ROW(r.*)::%2$s, 1) c', contributions, source_type)
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
          INSERT INTO %2$I AS s (day, %8$s, %4$s)
          SELECT d.day, %9$s, %5$s FROM d GROUP BY d.day, %9$s HAVING %6$s ORDER BY d.day, %9$s
          ON CONFLICT (day, %8$s) DO UPDATE SET %7$s)
        INSERT INTO %3$I AS s (month, %8$s, %4$s)
        SELECT date_trunc('month', d.day::timestamp)::date, %9$s, %5$s FROM d GROUP BY 1, %9$s HAVING %6$s ORDER BY 1, %9$s
        ON CONFLICT (month, %8$s) DO UPDATE SET %7$s
      $sql$,
      deltas, stats || '_day', stats || '_month',
      (SELECT string_agg(quote_ident(count), ', ') FROM unnest(counts) AS c (count)), sums, nonzero, additions,
      key_names, keys);
    RETURN NULL;
  END
  $$;

DROP FUNCTION statistics_install_triggers(regclass, text, text[]);

-- Puts the triggers of statistics `stats` on `source` (replacing any of the
-- same names): <name>_insert, _update, _delete and, when `empties_on_truncate`,
-- _truncate (TRUNCATE of the table whose rows are counted empties the counts;
-- a table that only qualifies them states its own rule).
CREATE FUNCTION statistics_install_triggers(source regclass, stats text, counts text[], empties_on_truncate boolean DEFAULT true)
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
      ) AS triggers (suffix, event, transition_tables, fn)
      WHERE empties_on_truncate OR triggers.suffix <> 'truncate'
    LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', stats || '_' || t.suffix, source);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %s %s FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)',
                     stats || '_' || t.suffix, t.event, source, t.transition_tables, t.fn, arguments);
    END LOOP;
  END
  $$;
