import { sampleAuditEntry } from "../../../test/support/audit";
import { unstorableColumn } from "../record";

describe("unstorableColumn", () => {
  it("names the disclosures when a type or an id holds text Postgres cannot store", () => {
    expect(unstorableColumn(sampleAuditEntry(1))).toBeNull();
    expect(unstorableColumn(sampleAuditEntry(1, { disclosed: [{ type: "Person", id: "p\u0000" }] }))).toBe("disclosed");
    expect(unstorableColumn(sampleAuditEntry(1, { disclosed: [{ type: "Person\ud800", id: "p-1" }] }))).toBe("disclosed");
    expect(unstorableColumn(sampleAuditEntry(1, { disclosed: [{ type: "Person", id: "p-\ud83d\ude00" }] }))).toBeNull();
  });
});
