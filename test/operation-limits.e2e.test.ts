import { fixedClock } from "../subgraphs/kit/clock";
import { SUBGRAPH_NAMES } from "../subgraphs/kit/config";
import { generateDataset } from "../subgraphs/dataset/generate";
import { startTestStack, type TestStack } from "./support/stack";

function doublingFragments(levels: number): string {
  const fragments = [`fragment F_0 on Force { code }`];
  for (let i = 1; i <= levels; i += 1) fragments.push(`fragment F_${i} on Force { ...F_${i - 1} ...F_${i - 1} }`);
  return `{ forces { ...F_${levels} } } ${fragments.join(" ")}`;
}

function nestedRespondentOrders(levels: number): string {
  let selection = "reference";
  for (let i = 0; i < levels; i += 1) selection = `respondent { stalkingProtectionOrders { ${selection} } }`;
  return `{ order(id: "spo-07-2020-0002") { ${selection} } }`;
}

const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(" ");

/** The attacks of issue 9 — each refused at the limits, before authorization filtering, planning or any subgraph call. */
const ATTACKS: [string, string][] = [
  ["fragments doubling 21 levels (897 bytes, 2^21 selections)", doublingFragments(21)],
  ["1,000 aliases", `{ ${repeat(1000, (i) => `a${i}: forces { code }`)} }`],
  ["40 aliases", `{ ${repeat(40, (i) => `a${i}: forces { code }`)} }`],
  ["300 aliased spoStatistics", `{ ${repeat(300, (i) => `s${i}: spoStatistics(from: "2020-01-01", to: "2025-12-31", groupBy: FORCE) { scope activeOrders }`)} }`],
  ["respondent and orders nested 20 deep", nestedRespondentOrders(20)],
  ["a page of 200 orders with everything under each", `{ orders(first: 200) { nodes { reference respondent { stalkingProtectionOrders { reference hearings { court { name force { name } } } breaches { status offender { pncId } } } } } } }`],
  ["60 directives", `query($t: Boolean = true) { forces { ${repeat(60, () => `code @include(if: $t)`)} } }`],
  ["3,000 tokens", `{ forces { ${repeat(1500, () => "code,")} } }`],
];

describe("operation limits at the gateway", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [...generateDataset({ orders: 40, seed: 5 })], clock: fixedClock("2026-11-22") });
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
    expect(answered.body).toEqual({ data: { order: { reference: expect.any(String), kind: "FULL", status: "EXPIRED", court: { name: "Crewe (South Cheshire) Magistrates' Court" } } } });
    expect(refused.map((response) => response.status)).toEqual(ATTACKS.map(() => 400));
  });

  it("never suggests field names (a schema map for an attacker with introspection off)", async () => {
    const { status, body } = await stack.query(`{ forces { cod } }`);
    expect(status).toBe(400);
    expect(body.errors![0].message).toMatch(/^Cannot query field "cod" on type "Force"\./);
    expect(body.errors![0].message).not.toContain('"code"');
  });
});
