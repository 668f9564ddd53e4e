import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { ORDER_END_REASONS, OrderStatus } from "../../../domain/vocabulary";
import { fixedClock } from "../../../platform/clock";
import { insertChunks, openTestDatabase, emptyChunk, type TestDatabase } from "../../../test/support/database";
import { executeOnSubgraph, type ExecutionResult } from "../../../test/support/execute";
import { createTestSubgraphServer } from "../../../test/support/identity";
import { order } from "../../../test/support/rows";
import { deriveOrderStatus, orderStatusSql, type OrderStatusFacts } from "../order/order-status";
import { ordersSubgraph } from "../subgraph";

/**
 * The status rule is written three times: deriveOrderStatus in TypeScript (the
 * status field, the domain's checks), the SQL function order_status (the status
 * filter, the statistics query), and the in-force counts the statistics trigger
 * maintains by calling that function. For any facts and day, all three agree.
 */

const isoDay = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: 2000 }).map(isoDay);

/** Facts an order can have: made or not, with an expiry or until further order, ended or not. */
const facts: fc.Arbitrary<OrderStatusFacts> = fc
  .record({
    madeOn: fc.option(day, { nil: null }),
    expiresOn: fc.option(day, { nil: null }),
    untilFurtherOrder: fc.boolean(),
    ended: fc.option(fc.record({ on: day, reason: fc.constantFrom(...ORDER_END_REASONS) }), { nil: null }),
  })
  .map((f) => ({
    madeOn: f.madeOn,
    expiresOn: f.untilFurtherOrder ? null : f.expiresOn,
    untilFurtherOrder: f.untilFurtherOrder,
    endedOn: f.ended?.on ?? null,
    endReason: f.ended?.reason ?? null,
  }));

const dayBefore = (d: string) => new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);

/** A day to ask about: often a day the facts name or the day before it, where a rule off by one day would show. */
const asOfFor = (f: OrderStatusFacts) =>
  fc.oneof(
    day,
    fc.constantFrom(
      ...[f.madeOn, f.expiresOn, f.endedOn].filter((d): d is string => d !== null).flatMap((d) => [d, dayBefore(d)]),
      isoDay(0),
    ),
  );

const FORCES = ["07", "21", "93"];
const cases = fc
  .sample(
    facts.chain((f) => fc.tuple(fc.constant(f), asOfFor(f))),
    { numRuns: 300, seed: 20201 },
  )
  .map(([orderFacts, asOf], i) => ({
    id: `o${i}`,
    forceCode: FORCES[i % FORCES.length],
    facts: orderFacts,
    asOf,
  }));

/** The body of the last migration that defines the SQL function `name`: the definition a migrated database has. */
function sqlFunctionInMigrations(name: string): { file: string; body: string } {
  const definitions = readdirSync(ordersSubgraph.migrationsDir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .flatMap((file) => {
      const sql = readFileSync(path.join(ordersSubgraph.migrationsDir, file), "utf8");
      const match = new RegExp(`CREATE (?:OR REPLACE )?FUNCTION ${name}\\([^$]*\\$\\$([\\s\\S]*?)\\$\\$`).exec(sql);
      return match ? [{ file, body: match[1] }] : [];
    });
  return definitions[definitions.length - 1];
}

const normalised = (sql: string) => sql.replace(/\s+/g, " ").trim();

describe("order status rule", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
    const chunk = emptyChunk();
    chunk.orders.orders.push(
      ...cases.map(({ id, forceCode, facts: f }) =>
        order({ id, kind: "FULL", applicantForceCode: forceCode, appliedOn: "2019-12-01", ...f }),
      ),
    );
    await insertChunks(database.db, ordersSubgraph, [chunk]);
  });
  afterAll(() => database.dispose());

  /**
   * The source of a SQL function as the migrated database has it (found on the search path: the test's own schema),
   * by its signature where it is overloaded.
   */
  async function liveBody(name: string): Promise<string> {
    const cast = name.includes("(") ? "regprocedure" : "regproc";
    const [{ body }] = await database.db.query<{ body: string }>(`SELECT prosrc AS body FROM pg_proc WHERE oid = $1::${cast}`, [name]);
    return body;
  }

  it("is the SQL function order_status of 004_order_status.sql, which the filters and the statistics trigger call", async () => {
    const status = sqlFunctionInMigrations("order_status");
    expect(status.file).toBe("004_order_status.sql");
    expect(normalised(await liveBody("order_status"))).toBe(normalised(status.body));

    expect(orderStatusSql("$1")).toBe("order_status(o, $1::date)");
    // The statistics triggers run the shared statistics_maintain on 'order_statistics', which adds up order_statistics_contributions.
    const triggers = await database.db.query<{ definition: string }>(
      `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger
        WHERE tgrelid = 'stalking_protection_order'::regclass AND tgname IN ('order_statistics_insert', 'order_statistics_update', 'order_statistics_delete')`,
    );
    expect(triggers).toHaveLength(3);
    for (const { definition } of triggers) expect(definition).toContain("statistics_maintain('order_statistics'");
    expect(await liveBody("statistics_maintain")).toContain("quote_ident(stats || '_contributions')");
    const contributions = await liveBody("order_statistics_contributions(stalking_protection_order, integer)");
    expect(contributions).toContain("order_status(o, o.made_on) = 'IN_FORCE'");
    expect(contributions).toContain("order_status(o, v.day) <> 'IN_FORCE'");
  });

  it("gives the same status in SQL (order_status) as in TypeScript (deriveOrderStatus) for any facts and day", async () => {
    const rows = await database.db.query<{ id: string; status: string }>(
      `SELECT o.id, ${orderStatusSql("v.as_of")} AS status
         FROM unnest($1::text[], $2::date[]) AS v (id, as_of) JOIN stalking_protection_order o USING (id)`,
      [cases.map((c) => c.id), cases.map((c) => c.asOf)],
    );
    const sqlStatus = new Map(rows.map((row) => [row.id, row.status]));
    expect(cases.map(({ id }) => ({ id, status: sqlStatus.get(id) }))).toEqual(
      cases.map(({ id, facts: f, asOf }) => ({ id, status: deriveOrderStatus(f, asOf) })),
    );
  });

  it("counts in force, in the statistics the trigger maintains, exactly the orders TypeScript says are IN_FORCE", async () => {
    // The days the status can change on (every fact's day) and the day before each, and the days asked about.
    const factDays = cases.flatMap(({ facts: f }) => [f.madeOn, f.expiresOn, f.endedOn]).filter((d): d is string => d !== null);
    const days = [...new Set([...factDays, ...factDays.map(dayBefore), ...cases.map((c) => c.asOf)])].sort();
    const counted = await database.db.query<{ day: string; force_code: string; in_force: number }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, s.force_code, sum(s.active_change)::int AS in_force
         FROM unnest($1::date[]) AS d (day) JOIN order_statistics_day s ON s.day <= d.day
        GROUP BY d.day, s.force_code`,
      [days],
    );
    const actual = new Map(counted.map((row) => [`${row.day} ${row.force_code}`, row.in_force]));
    const expected = days.flatMap((d) =>
      FORCES.map((forceCode) => ({
        key: `${d} ${forceCode}`,
        inForce: cases.filter((c) => c.forceCode === forceCode && deriveOrderStatus(c.facts, d) === OrderStatus.IN_FORCE).length,
      })),
    );
    expect(expected.map(({ key }) => ({ key, inForce: actual.get(key) ?? 0 }))).toEqual(expected);
  });

  it("serves through the status filter every order with the status TypeScript derives", async () => {
    for (const { id, facts: f, asOf } of cases) {
      const expected = deriveOrderStatus(f, asOf);
      const server = await createTestSubgraphServer(ordersSubgraph, database.db, fixedClock(asOf));
      const matching: string[] = [];
      let after: string | null = null;
      do {
        const { data }: ExecutionResult<Record<string, any>> = await executeOnSubgraph(
          server,
          `query($s: [OrderStatus!], $after: String) { orders(first: 200, after: $after, filter: { statuses: $s }) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
          { s: [expected], after },
        );
        matching.push(...data!.orders.nodes.map((node: { id: string }) => node.id));
        after = data!.orders.pageInfo.hasNextPage ? data!.orders.pageInfo.endCursor : null;
      } while (after);
      expect(matching).toContain(id);
    }
  });
});
