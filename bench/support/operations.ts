import type { SubgraphName } from "../../domain/topology";
import type { Db } from "../../platform/db/db";

/**
 * The operations the gateway benchmark sends, each with the
 * variables that make it realistic on the loaded data set: a respondent with
 * orders, hearings and breaches; the busiest court day; the last full year.
 */
export interface BenchOperation {
  name: string;
  /** How many subgraphs the plan reaches; shown in the table. */
  subgraphs: number;
  query: string;
  variables: Record<string, unknown>;
  /** The subgraph that can answer the operation alone: it is then also called directly. */
  direct?: SubgraphName;
  /** Why the peers' answers are expected to differ, if they are. */
  expectedDifference?: string;
}

interface Fixtures {
  pncId: string;
  courtCode: string;
  courtDay: string;
  year: number;
}

async function fixturesOf(dbs: Record<SubgraphName, Db>): Promise<Fixtures> {
  // The respondent with the most orders among those with a PNC ID, breaches and hearings: the widest person page.
  const [busiest] = await dbs.orders.query<{ respondent_id: string }>(
    `SELECT o.respondent_id
       FROM stalking_protection_order o
       JOIN breaches.breach_offence b ON b.order_id = o.id
       JOIN hearings.court_hearing h ON h.order_id = o.id
       JOIN people.person p ON p.id = o.respondent_id AND p.pnc_id IS NOT NULL
      GROUP BY o.respondent_id
      ORDER BY count(DISTINCT o.id) DESC, o.respondent_id
      LIMIT 1`,
  );
  if (!busiest) throw new Error("no respondent with a PNC ID, hearings and breaches in the benchmark data");
  const [{ pnc_id: pncId }] = await dbs.people.query<{ pnc_id: string }>(`SELECT pnc_id FROM person WHERE id = $1`, [
    busiest.respondent_id,
  ]);
  const [court] = await dbs.hearings.query<{ court_code: string; day: string }>(
    `SELECT court_code, to_char((listed_for AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS day
       FROM court_hearing
      GROUP BY 1, 2
      ORDER BY count(*) DESC, 1, 2
      LIMIT 1`,
  );
  if (!court) throw new Error("no hearings in the benchmark data");
  const [{ last }] = await dbs.orders.query<{ last: string }>(`SELECT max(made_on) AS last FROM stalking_protection_order`);
  const year = last.endsWith("-12-31") ? Number(last.slice(0, 4)) : Number(last.slice(0, 4)) - 1;
  return { pncId, courtCode: court.court_code, courtDay: court.day, year };
}

export async function benchOperations(dbs: Record<SubgraphName, Db>): Promise<BenchOperation[]> {
  const f = await fixturesOf(dbs);
  return [
    {
      name: "person by PNC ID with orders, hearings, breaches",
      subgraphs: 4,
      query: `query($pnc: String!) { searchPeople(search: { pncId: $pnc }) { pncId name { given family } dateOfBirth
        stalkingProtectionOrders { reference kind status madeOn expiresOn
          hearings { type status listedFor courtroom }
          breaches { offenceType status occurredOn reportedOn } } } }`,
      variables: { pnc: f.pncId },
    },
    {
      name: "orders(first: 50) with respondent names",
      subgraphs: 2,
      query: `{ orders(first: 50) { nodes { reference kind status madeOn respondent { name { given family } } } } }`,
      variables: {},
    },
    {
      name: "orders(first: 50) scalars",
      subgraphs: 1,
      query: `{ orders(first: 50) { nodes { id reference kind status appliedOn madeOn servedOn expiresOn untilFurtherOrder } } }`,
      variables: {},
      direct: "orders",
    },
    {
      name: `spoStatistics by region, ${f.year}`,
      subgraphs: 2,
      query: `query($from: Date!, $to: Date!) { spoStatistics(from: $from, to: $to, groupBy: REGION) {
        scope label interimOrdersMade fullOrdersMade activeOrders breachesReported breachConvictions } }`,
      variables: { from: `${f.year}-01-01`, to: `${f.year}-12-31` },
    },
    {
      name: "estate data: forces and courts",
      subgraphs: 1,
      query: `{ forces { code name region } courts { code name force { code } } }`,
      variables: {},
      direct: "people",
    },
    {
      name: "orders(first: 50) with protectedPersons (filtered: no person:protected)",
      subgraphs: 1,
      query: `{ orders(first: 50) { nodes { reference status protectedPersons { id } } } }`,
      variables: {},
      direct: "orders",
      expectedDifference: "ours removes protectedPersons before planning (null and an error each); stock asks the subgraph",
    },
    {
      name: `court list, busiest court and day (${f.courtCode} ${f.courtDay})`,
      subgraphs: 3,
      query: `query($court: ID!, $date: Date!) { courtList(courtCode: $court, date: $date) {
        caseNumber type status listedFor courtroom order { reference status } respondent { name { given family } } } }`,
      variables: { court: f.courtCode, date: f.courtDay },
    },
  ];
}
