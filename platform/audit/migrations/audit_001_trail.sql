-- The audit trail (Data Protection Act 2018 s.62): one row per operation that
-- consulted or disclosed personal data, or changed it. Append-only: the
-- application role may only INSERT and SELECT (grants: grantAuditAccess), and
-- even the owner is refused UPDATE, DELETE and TRUNCATE by the triggers below.
-- Each row's hash chains it to the previous row (seq order), so an edit made
-- with the triggers disabled is still found by `npm run audit -- verify`.
CREATE TABLE audit_record (
  seq bigint NOT NULL,
  recorded_at timestamptz NOT NULL,
  request_id text NOT NULL,
  sub text NOT NULL,
  persona text,
  jurisdiction text NOT NULL,
  recipient text,
  justification text,
  operation_type text NOT NULL,
  operation_name text,
  document_hash text NOT NULL,
  document text NOT NULL,
  variables text NOT NULL,
  persons text[] NOT NULL,
  orders text[] NOT NULL,
  hearings text[] NOT NULL,
  breaches text[] NOT NULL,
  changes text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (seq, recorded_at)
) PARTITION BY RANGE (recorded_at);

-- Who consulted a person or an order; what a user consulted; a period.
CREATE INDEX audit_record_persons ON audit_record USING gin (persons);
CREATE INDEX audit_record_orders ON audit_record USING gin (orders);
CREATE INDEX audit_record_sub ON audit_record (sub, recorded_at);
CREATE INDEX audit_record_recorded_at ON audit_record (recorded_at);

REVOKE ALL ON audit_record FROM PUBLIC;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Monthly partitions (UTC months) are made on demand by the writer. The
-- function runs with its owner's rights so the application role needs no
-- CREATE privilege; each partition gets its own TRUNCATE guard, because a
-- TRUNCATE aimed at a partition does not fire the parent's trigger.
CREATE FUNCTION audit_ensure_month(day date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
  first_day date := date_trunc('month', day)::date;
  partition_name text := format('audit_record_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF audit_record FOR VALUES FROM (%L) TO (%L)',
      partition_name, first_day::text || ' 00:00:00+00', (first_day + interval '1 month')::date::text || ' 00:00:00+00');
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', partition_name);
    EXECUTE format(
      'CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()',
      partition_name);
  END IF;
END
$$;
REVOKE ALL ON FUNCTION audit_ensure_month(date) FROM PUBLIC;
