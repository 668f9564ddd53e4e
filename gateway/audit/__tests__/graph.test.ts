import { isInputObjectType, isObjectType } from "graphql";
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
