import { SUBGRAPH_NAMES } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { generateDataset } from "../dev/dataset/generate";
import { startTestStack, type TestStack } from "./support/stack";
import { ATTACK_DOCUMENTS } from "../bench/support/attack-documents";

/** The hostile documents (deep nesting, alias and directive floods, cost and fragment bombs) — each refused at the limits, before authorization filtering, planning or any subgraph call. */
const ATTACKS = ATTACK_DOCUMENTS;

describe("operation limits at the gateway", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [...generateDataset({ orders: 40, seed: 5 })],
      clock: fixedClock("2026-11-22"),
      // Here the subgraphs share the gateway's process and event loop, which the burst keeps busy refusing: the
      // ordinary request is to be answered, however long that takes on a busy machine, not within a call budget.
      subgraphFetch: { timeoutMs: 30_000 },
    });
  });
  afterAll(() => stack?.stop());

  it.each(ATTACKS)("refuses %s with 400 before any subgraph is asked", async (_name, query) => {
    stack.resetStatementCounts();
    const { status, body } = await stack.query(query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"]).toContain(body.errors![0].extensions!.code);
    expect(body.errors![0].extensions!.reason).toBe("OPERATION_LIMIT_EXCEEDED");
    // exposeLimits is off: the message says which limit, not its number or the document's measure.
    expect(body.errors![0].message).not.toMatch(/\d/);
    for (const name of SUBGRAPH_NAMES) expect(stack.subgraphRequests[name]).toEqual([]);
  });

  it("answers an ordinary request sent alongside a burst of every attack", async () => {
    const ordinary = stack.query(`{ order(id: "spo-07-2020-0002") { reference kind status court { name } } }`);
    const attacks = ATTACKS.map(([, query]) => stack.query(query));
    const [answered, ...refused] = await Promise.all([ordinary, ...attacks]);
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({
      data: {
        order: {
          reference: expect.any(String),
          kind: "FULL",
          status: "EXPIRED",
          court: { name: "Crewe (South Cheshire) Magistrates' Court" },
        },
      },
    });
    expect(refused.map((response) => response.status)).toEqual(ATTACKS.map(() => 400));
  });

  it("never suggests field names (a schema map for an attacker with introspection off)", async () => {
    const { status, body } = await stack.query(`{ forces { cod } }`);
    expect(status).toBe(400);
    expect(body.errors![0].message).toMatch(/^Cannot query field "cod" on type "Force"\./);
    expect(body.errors![0].message).not.toContain('"code"');
  });
});
