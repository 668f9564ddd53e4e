import { openTestAuditDatabase, type TestAuditDatabase } from "../../../test/support/audit";
import { auditQuerySql, type AuditQuery } from "../store";

/**
 * "Who consulted this entity" at a realistic size: 100,000 records over a
 * year (twelve monthly partitions), about 183,000 disclosures of 20,000
 * persons and 10,000 orders. The query must find the entity through the
 * disclosures' index on (entity_type, entity_id, seq), never by reading every
 * record or every disclosure. Asserted on the plan, not on a time
 * (docs/performance.md shows the plan).
 */
const RECORDS = 100_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

describe("the plan of the auditors' queries at 100,000 records", () => {
  let audit: TestAuditDatabase;

  beforeAll(async () => {
    audit = await openTestAuditDatabase();
    await audit.db.query(`SELECT audit_ensure_month(make_date(2026, month, 1)) FROM generate_series(1, 12) AS month`);
    // Rows made in SQL for their shape only: their hashes are not a chain.
    await audit.db.query(
      `INSERT INTO audit_record (seq, recorded_at, request_id, sub, persona, jurisdiction, recipient, justification, operation_type,
         operation_name, document_hash, document, variables, changes, prev_hash, hash, kind, retry_key, refusal, hash_version)
       SELECT n, timestamptz '2026-01-01 00:00:00+00' + n * interval '5 minutes', 'request-' || n, 'officer-' || n % 500, 'force-officer',
         'forces:07', NULL, 'risk assessment', 'query', 'Lookup', repeat('a', 64), 'query Lookup($id: ID!) { person(id: $id) { id } }',
         '{}', '[]', repeat('0', 64), repeat('0', 64), 'consultation', NULL, NULL, 3
       FROM generate_series(1, $1::int) AS n`,
      [RECORDS],
    );
    // Every record one person, every second one a second person, every third one an order.
    await audit.db.query(
      `INSERT INTO audit_disclosure (seq, recorded_at, position, entity_type, entity_id)
       SELECT r.seq, r.recorded_at, d.position, d.entity_type, d.entity_id
       FROM audit_record r CROSS JOIN LATERAL (VALUES
         (0, 'Person', 'person-' || r.seq * 7919 % 20000),
         (1, 'Person', 'person-' || r.seq * 104729 % 20000),
         (2, 'StalkingProtectionOrder', 'order-' || r.seq % 10000)) AS d(position, entity_type, entity_id)
       WHERE d.position = 0 OR (d.position = 1 AND r.seq % 2 = 0) OR (d.position = 2 AND r.seq % 3 = 0)`,
    );
    await audit.db.query(`ANALYZE audit_record`);
    await audit.db.query(`ANALYZE audit_disclosure`);
  }, 300_000);
  afterAll(() => audit.dispose({ tampered: true }));

  async function planOf(query: AuditQuery): Promise<PlanNode[]> {
    const { text, params } = auditQuerySql(query);
    const [row] = await audit.db.query<{ "QUERY PLAN": [{ Plan: PlanNode }] | string }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
    const explained = row["QUERY PLAN"];
    const [{ Plan }] = typeof explained === "string" ? (JSON.parse(explained) as [{ Plan: PlanNode }]) : explained;
    return nodesOf(Plan);
  }

  const scansOf = (nodes: PlanNode[], table: string) =>
    nodes.filter((node) => node["Relation Name"]?.startsWith(`${table}_`) || (node["Index Name"] ?? "").startsWith(`${table}_`));

  it.each<[string, AuditQuery]>([
    ["who consulted an order", { disclosing: [{ type: "StalkingProtectionOrder", id: "order-42" }], limit: 51 }],
    ["who consulted a person", { disclosing: [{ type: "Person", id: "person-4242" }], limit: 51 }],
    [
      "who consulted a person in a month, the next page",
      {
        disclosing: [{ type: "Person", id: "person-4242" }],
        from: "2026-03-01T00:00:00Z",
        to: "2026-04-01T00:00:00Z",
        beforeSeq: 90_000,
        limit: 51,
      },
    ],
  ])("%s: through the disclosures' entity index, reading no table whole", async (_query, query) => {
    const nodes = await planOf(query);
    const disclosureScans = scansOf(nodes, "audit_disclosure");
    expect(disclosureScans.length).toBeGreaterThan(0);
    expect(disclosureScans.some((node) => /entity_type_entity_id/.test(node["Index Name"] ?? ""))).toBe(true);
    expect(nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"])).toEqual([]);
  });
});
