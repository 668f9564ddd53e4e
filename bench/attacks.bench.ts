import "reflect-metadata";
import { buildSchema, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { createOperationLimits } from "../gateway/limits";
import { composeSupergraph } from "../dev/schema/composition";
import { ATTACK_DOCUMENTS } from "./support/attack-documents";

/**
 * What refusing each hostile document costs the gateway's event loop: parsing
 * with the token limit, then validation with graphql-js's rules and the
 * operation limits, as Apollo Server runs them. Target: under 50 ms
 * of CPU per document. Run: npm run bench:attacks.
 */
function refuse(schema: GraphQLSchema, source: string, limits: ReturnType<typeof createOperationLimits>): string {
  try {
    const document = parse(source, limits.parseOptions);
    const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
    return errors.length > 0 ? "refused at validation" : "ACCEPTED";
  } catch {
    return "refused while parsing";
  }
}

async function main(): Promise<void> {
  const schema = buildSchema((await composeSupergraph()).apiSchemaSdl);
  const limits = createOperationLimits();
  const runs = 30;
  console.log(`| document | bytes | outcome | CPU ms, median of ${runs} | CPU ms, max |`);
  console.log("|---|---|---|---|---|");
  for (const [name, source] of ATTACK_DOCUMENTS) {
    let outcome = "";
    for (let i = 0; i < 3; i += 1) outcome = refuse(schema, source, limits); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const before = process.cpuUsage();
      refuse(schema, source, limits);
      const used = process.cpuUsage(before);
      times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${Buffer.byteLength(source)} | ${outcome} | ${times[Math.floor(runs / 2)].toFixed(2)} | ${times[runs - 1].toFixed(2)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
