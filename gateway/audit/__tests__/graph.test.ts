import { graphql, isInputObjectType, isObjectType } from "graphql";
import { openTestAuditDatabase, sampleAuditEntry, type TestAuditDatabase } from "../../../test/support/audit";
import { appendAuditEntries } from "../../../platform/audit/store";
import { AUDITED_ENTITIES } from "../../../domain/audited-entities";
import { auditSubgraphSchema } from "../graph";

/** The audit graph's per-entity filters and id lists come from the one list of audited entities, under the names auditors use. */
describe("the audit graph's entity fields", () => {
  const schema = auditSubgraphSchema();
  const filter = schema.getType("AuditRecordFilter");
  const record = schema.getType("AuditRecord");
  if (!isInputObjectType(filter) || !isObjectType(record)) throw new Error("the audit graph lost its types");

  it("keeps the names the graph has always had", () => {
    expect(
      Object.fromEntries(["personId", "orderId", "hearingId", "breachId"].map((name) => [name, String(filter.getFields()[name]?.type)])),
    ).toEqual({
      personId: "ID",
      orderId: "ID",
      hearingId: "ID",
      breachId: "ID",
    });
    expect(
      Object.fromEntries(
        ["personIds", "orderIds", "hearingIds", "breachIds"].map((name) => [name, String(record.getFields()[name]?.type)]),
      ),
    ).toEqual({ personIds: "[ID!]!", orderIds: "[ID!]!", hearingIds: "[ID!]!", breachIds: "[ID!]!" });
  });

  it("has a filter and an id list for every audited entity", () => {
    for (const { name } of AUDITED_ENTITIES) {
      expect(filter.getFields()[`${name}Id`]).toBeDefined();
      expect(record.getFields()[`${name}Ids`]).toBeDefined();
    }
  });
});

/** Each entity's filter finds the records that disclosed it, and each id list holds only that entity's ids. */
describe("the audit graph's entity fields over a trail", () => {
  let audit: TestAuditDatabase;
  beforeAll(async () => {
    audit = await openTestAuditDatabase();
    await appendAuditEntries(audit.db, [
      sampleAuditEntry(1, { disclosed: AUDITED_ENTITIES.map(({ name }) => ({ type: "Unrelated", id: `${name}-1` })) }),
      sampleAuditEntry(2, { disclosed: AUDITED_ENTITIES.map(({ type, name }) => ({ type, id: `${name}-1` })) }),
    ]);
  });
  afterAll(() => audit.dispose());

  it.each(AUDITED_ENTITIES.map(({ name }) => name))(
    "filtered by the %s: finds the record that disclosed it, whose id list holds it alone",
    async (name) => {
      const result = await graphql({
        schema: auditSubgraphSchema(audit.db),
        source: `query($id: ID!) { auditRecords(filter: { ${name}Id: $id }) { nodes { requestId ${AUDITED_ENTITIES.map((e) => `${e.name}Ids`).join(" ")} } } }`,
        variableValues: { id: `${name}-1` },
        contextValue: {
          principal: { sub: "auditor", persona: null, scopes: ["audit:read"], jurisdiction: { kind: "national" }, purpose: null },
        },
      });
      expect(result.errors).toBeUndefined();
      expect((result.data as { auditRecords: { nodes: unknown[] } }).auditRecords.nodes).toEqual([
        {
          requestId: "request-2",
          ...Object.fromEntries(AUDITED_ENTITIES.map((entity) => [`${entity.name}Ids`, [`${entity.name}-1`]])),
        },
      ]);
    },
  );
});
