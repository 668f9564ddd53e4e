-- What a record disclosed becomes one list of (entity type, id) pairs in a side
-- table, in place of one array column per entity type: the trail no longer
-- knows which entity types exist, so a new audited type needs no migration, and
-- "who consulted order X" is one btree look-up (docs/audit-trail.md, "Disclosed
-- entities"). Nothing in audit_record is updated (the trail is append-only): the
-- arrays are copied into the new table, then their columns are dropped.
--
-- Records written before this migration keep their hashes: their disclosures are
-- read back into the first layout's arrays through audit_legacy_disclosure_column
-- (platform/audit/record.ts), which is why the move keeps each array's order and
-- the columns' order. Records written after it have hash_version 3 and hash the
-- list itself.
--
-- Gateways of the version before this migration cannot write once it has run
-- (their rows name the dropped columns): their writes fail, and their responses
-- are withheld, until they are replaced.

-- No record may be written while its disclosures are being moved.
LOCK TABLE audit_record IN ACCESS EXCLUSIVE MODE;

CREATE TABLE audit_disclosure (
  seq bigint NOT NULL,
  recorded_at timestamptz NOT NULL,
  -- The place of the pair in its record's list, from 0: the list's order is hashed.
  position integer NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  PRIMARY KEY (seq, recorded_at, position)
) PARTITION BY RANGE (recorded_at);

-- Who consulted this entity, newest first.
CREATE INDEX audit_disclosure_entity ON audit_disclosure (entity_type, entity_id, seq);

REVOKE ALL ON audit_disclosure FROM PUBLIC;
CREATE TRIGGER audit_disclosure_append_only BEFORE UPDATE OR DELETE ON audit_disclosure
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_disclosure_no_truncate BEFORE TRUNCATE ON audit_disclosure
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The first layout's disclosure columns, in their order in the hash, and the
-- entity type each held: the one place the trail still names them, so records
-- hashed over those columns verify.
CREATE TABLE audit_legacy_disclosure_column (
  position smallint PRIMARY KEY,
  column_name text NOT NULL UNIQUE,
  entity_type text NOT NULL UNIQUE
);
INSERT INTO audit_legacy_disclosure_column (position, column_name, entity_type) VALUES
  (1, 'persons', 'Person'),
  (2, 'orders', 'StalkingProtectionOrder'),
  (3, 'hearings', 'CourtHearing'),
  (4, 'breaches', 'BreachOffence');
REVOKE ALL ON audit_legacy_disclosure_column FROM PUBLIC;
CREATE TRIGGER audit_legacy_disclosure_column_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_legacy_disclosure_column
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_legacy_disclosure_column_no_truncate BEFORE TRUNCATE ON audit_legacy_disclosure_column
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Each month's disclosures in a partition beside that month's records, so
-- retention detaches and drops the two together.
CREATE OR REPLACE FUNCTION audit_ensure_month(day date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
  first_day date := date_trunc('month', day)::date;
  lower_bound text := first_day::text || ' 00:00:00+00';
  upper_bound text := (first_day + interval '1 month')::date::text || ' 00:00:00+00';
  parent text;
  partition_name text;
BEGIN
  FOREACH parent IN ARRAY ARRAY['audit_record', 'audit_disclosure'] LOOP
    partition_name := format('%s_%s', parent, to_char(first_day, 'YYYY_MM'));
    IF to_regclass(partition_name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', partition_name, parent, lower_bound, upper_bound);
      EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', partition_name);
      EXECUTE format(
        'CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()',
        parent || '_no_truncate', partition_name);
    END IF;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION audit_ensure_month(date) FROM PUBLIC;

DO $$
DECLARE
  month date;
BEGIN
  FOR month IN SELECT DISTINCT date_trunc('month', recorded_at AT TIME ZONE 'UTC')::date FROM audit_record LOOP
    PERFORM audit_ensure_month(month);
  END LOOP;
END
$$;

-- Each record's arrays in column order, each array in its own order.
INSERT INTO audit_disclosure (seq, recorded_at, position, entity_type, entity_id)
SELECT
  moved.seq,
  moved.recorded_at,
  (row_number() OVER (PARTITION BY moved.seq, moved.recorded_at ORDER BY moved.column_position, moved.ordinality) - 1)::integer,
  moved.entity_type,
  moved.entity_id
FROM (
  SELECT r.seq, r.recorded_at, c.position AS column_position, e.ordinality, c.entity_type, e.entity_id
  FROM audit_record r
  CROSS JOIN audit_legacy_disclosure_column c
  CROSS JOIN LATERAL unnest(
    CASE c.column_name WHEN 'persons' THEN r.persons WHEN 'orders' THEN r.orders WHEN 'hearings' THEN r.hearings ELSE r.breaches END
  ) WITH ORDINALITY AS e(entity_id, ordinality)
) AS moved;

-- Their indexes (audit_record_persons, audit_record_orders) go with them.
ALTER TABLE audit_record DROP COLUMN persons, DROP COLUMN orders, DROP COLUMN hearings, DROP COLUMN breaches;

-- NULL for every record above (hashed over the arrays), 3 for the records written from now on.
ALTER TABLE audit_record ADD COLUMN hash_version smallint;
