import { fixedClock } from "../platform/clock";
import { generateDataset } from "../dev/dataset/generate";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { startTestStack, type TestStack } from "./support/stack";
import { SUBGRAPH_NAMES } from "../domain/topology";

/** Every read of the contract, through the gateway over HTTP, on a generated national dataset. */
/** Statements per subgraph of the topology, none: what a request touching no subgraph, or a subgraph it does not reach, counts. */
const NO_STATEMENTS = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0]));

describe("gateway end to end", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [...generateDataset({ orders: 400, seed: 11 })], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  it("answers liveness and, with every subgraph up, readiness", async () => {
    const base = new URL(stack.gatewayUrl);
    expect((await fetch(new URL("/health/live", base))).status).toBe(200);
    const ready = await fetch(new URL("/health/ready", base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { supergraph: "ready", "audit store": "ready" },
      dependencies: {
        "subgraph people": "ready",
        "subgraph orders": "ready",
        "subgraph hearings": "ready",
        "subgraph breaches": "ready",
      },
    });
  });

  it("serves forces and courts from the estate data", async () => {
    const { body } = await stack.query(`{ forces { code region } courts(force: "21") { code name force { name region } } }`);
    expect(body.data!.forces).toHaveLength(45);
    expect(body.data!.courts).toContainEqual({
      code: "B21DA",
      name: "Cannock Magistrates' Court",
      force: { name: "Staffordshire Police", region: "WEST_MIDLANDS" },
    });
  });

  it("says which court is which: magistrates', youth or Crown Court, each asked for on its own", async () => {
    const { body } = await stack.query(
      `{ all: courts(force: "21") { code jurisdiction } crown: courts(jurisdiction: CROWN) { code force { code } } }`,
    );
    expect(body.data!.all).toEqual(
      expect.arrayContaining([
        { code: "B21DA", jurisdiction: "MAGISTRATES" },
        { code: "B21YN", jurisdiction: "YOUTH" },
        { code: "C21SF", jurisdiction: "CROWN" },
      ]),
    );
    expect(new Set(body.data!.crown.map((court: { force: { code: string } }) => court.force.code)).size).toBe(43);
  });

  it("joins a person across all four subgraphs", async () => {
    const { body } = await stack.query(
      `query($id: ID!) { person(id: $id) {
         id pncId name { family } aliases { family } dateOfBirth notifiedAddresses { notifiedOn }
         spoStatus stalkingProtectionOrders { id hearings { id } breaches { id } }
         protectedBy { id } breachOffences { id order { id } offender { id } reportingForce { name } }
      } }`,
      { id: SEED_CASE_IDS.cheshire.respondent },
    );
    expect(body.errors).toBeUndefined();
    const person = body.data!.person;
    expect(person.id).toBe(SEED_CASE_IDS.cheshire.respondent);
    expect(person.stalkingProtectionOrders.map((o: { id: string }) => o.id)).toEqual([
      SEED_CASE_IDS.cheshire.fullOrder,
      SEED_CASE_IDS.cheshire.interimOrder,
    ]);
    expect(person.stalkingProtectionOrders[0].hearings.length).toBeGreaterThan(0);
    expect(person.breachOffences).toEqual([]);
  });

  it("pages through orders filtered by region and kind, with a stable total", async () => {
    const query = `query($after: String) { orders(first: 10, after: $after, filter: { regions: [NORTH_WEST], kinds: [FULL] }) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id kind applicantForce { region } } } }`;
    const seen = new Set<string>();
    let after: string | null = null;
    let total = -1;
    do {
      const { body }: Awaited<ReturnType<TestStack["query"]>> = await stack.query(query, { after });
      expect(body.errors).toBeUndefined();
      total = body.data!.orders.totalCount;
      for (const node of body.data!.orders.nodes) {
        expect(node).toMatchObject({ kind: "FULL", applicantForce: { region: "NORTH_WEST" } });
        seen.add(node.id);
      }
      after = body.data!.orders.pageInfo.hasNextPage ? body.data!.orders.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(10);
    expect(seen.size).toBe(total);
  });

  it("joins statistics columns from orders and breaches, consistent across groupings", async () => {
    const fields = `scope label interimOrdersMade fullOrdersMade activeOrders breachesReported breachConvictions`;
    const { body } = await stack.query(`{
      force: spoStatistics(from: "2021-01-01", to: "2025-12-31", groupBy: FORCE) { ${fields} }
      region: spoStatistics(from: "2021-01-01", to: "2025-12-31", groupBy: REGION) { ${fields} }
      nation: spoStatistics(from: "2021-01-01", to: "2025-12-31", groupBy: NATIONAL) { ${fields} }
    }`);
    expect(body.errors).toBeUndefined();
    const [nation] = body.data!.nation;
    expect(nation.fullOrdersMade).toBeGreaterThan(0);
    expect(nation.breachesReported).toBeGreaterThan(0);
    for (const key of ["interimOrdersMade", "fullOrdersMade", "activeOrders", "breachesReported", "breachConvictions"]) {
      const sum = (rows: Record<string, number>[]) => rows.reduce((total, row) => total + row[key], 0);
      expect(sum(body.data!.force)).toBe(nation[key]);
      expect(sum(body.data!.region)).toBe(nation[key]);
    }
  });

  it("reads a court list with each hearing's order and respondent", async () => {
    const { body: listed } = await stack.query(
      `{ orders(first: 1, filter: { kinds: [FULL], statuses: [IN_FORCE] }) { nodes { court { code } hearings { listedFor } } } }`,
    );
    const order = listed.data!.orders.nodes[0];
    const day = order.hearings[0].listedFor.slice(0, 10);
    const { body } = await stack.query(
      `query($c: ID!, $d: Date!) { courtList(courtCode: $c, date: $d) {
      caseNumber court { code } type status listedFor courtroom order { reference } respondent { name { family } } } }`,
      { c: order.court.code, d: day },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.courtList.length).toBeGreaterThan(0);
    for (const hearing of body.data!.courtList) {
      expect(hearing.court.code).toBe(order.court.code);
      expect(hearing.listedFor.slice(0, 10)).toBe(day);
    }
    const times = body.data!.courtList.map((h: { listedFor: string }) => h.listedFor);
    expect(times).toEqual([...times].sort());
  });

  it("refuses bad input with BAD_USER_INPUT naming the argument", async () => {
    const cases: [string, string][] = [
      [`{ searchPeople(search: { pncId: "2004/1234567A" }) { id } }`, "search.pncId"],
      [`{ courts(force: "00") { code } }`, "force"],
      [`{ courtList(courtCode: "B99ZZ", date: "2024-01-01") { id } }`, "courtCode"],
      [`{ orders(filter: { forces: ["00"] }) { totalCount } }`, "filter.forces"],
      [`{ orders(first: 1000) { totalCount } }`, "first"],
      [`{ spoStatistics(from: "2024-12-01", to: "2024-01-31", groupBy: FORCE) { scope } }`, "from"],
      // Whole calendar months only: a window shifted by a day, or ending mid-month, could be differenced to one day.
      [`{ spoStatistics(from: "2024-01-02", to: "2024-02-29", groupBy: FORCE) { scope } }`, "from"],
      [`{ spoStatistics(from: "2024-01-01", to: "2024-01-28", groupBy: FORCE) { scope } }`, "to"],
    ];
    for (const [query, argument] of cases) {
      const { body } = await stack.query(query);
      expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });

  it("issues the same number of SQL statements for 200 orders with respondent, hearings and breaches as for 2", async () => {
    const query = `query($n: Int) { orders(first: $n) { nodes { reference respondent { name { family } pncId } hearings { type court { name } } breaches { status offender { id } } } } }`;
    // Only the statements the request itself caused: the outbox relays poll meanwhile, more often the slower the machine.
    const countStatements = async (n: number) => {
      const { body, requestId } = await stack.query(query, { n });
      expect(body.errors).toBeUndefined();
      expect(body.data!.orders.nodes).toHaveLength(n);
      return stack.statementsOf(requestId!);
    };
    const few = await countStatements(2);
    const many = await countStatements(200);
    // orders: the page and its total count; every other subgraph: one batch for all the page's orders.
    expect(few).toEqual({ ...NO_STATEMENTS, people: 1, orders: 2, hearings: 1, breaches: 1 });
    expect(many).toEqual(few);
  });

  it("counts for a request only the statements it caused, not the background work of relays and consumers", async () => {
    stack.resetStatementCounts();
    for (const events of Object.values(stack.events)) events.relay.wake();
    // Settling reads every outbox through the counted databases, outside any request.
    await stack.settle();
    expect(stack.statements).toEqual(NO_STATEMENTS);

    const { requestId } = await stack.query(`{ orders(first: 1) { nodes { reference } } }`);
    expect(stack.statementsOf(requestId!)).toEqual({ ...NO_STATEMENTS, orders: 2 });
    expect(stack.statements).toEqual(stack.statementsOf(requestId!));
  });
});
