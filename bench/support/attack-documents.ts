/**
 * The hostile documents the gateway must refuse cheaply, each small to send and ruinous to run
 * without limits. The operation-limits test asserts each is refused before any
 * subgraph is asked; bench/attacks.bench.ts times what refusing costs.
 */
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

export const ATTACK_DOCUMENTS: readonly (readonly [name: string, document: string])[] = [
  ["fragments doubling 21 levels (897 bytes, 2^21 selections)", doublingFragments(21)],
  ["1,000 aliases", `{ ${repeat(1000, (i) => `a${i}: forces { code }`)} }`],
  ["40 aliases", `{ ${repeat(40, (i) => `a${i}: forces { code }`)} }`],
  [
    "300 aliased spoStatistics",
    `{ ${repeat(300, (i) => `s${i}: spoStatistics(from: "2020-01-01", to: "2025-12-31", groupBy: FORCE) { scope activeOrders }`)} }`,
  ],
  ["respondent and orders nested 20 deep", nestedRespondentOrders(20)],
  [
    "a page of 200 orders with everything under each",
    `{ orders(first: 200) { nodes { reference respondent { stalkingProtectionOrders { reference hearings { court { name force { name } } } breaches { status offender { pncId } } } } } } }`,
  ],
  ["60 directives", `query($t: Boolean = true) { forces { ${repeat(60, () => `code @include(if: $t)`)} } }`],
  ["2,100 fields: past the token limit", `{ forces { ${repeat(2100, () => "code")} } }`],
];
