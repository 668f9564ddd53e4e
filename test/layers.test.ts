import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { SUBGRAPH_NAMES } from "../domain/topology";

/**
 * The layer directions of docs/adr/0006-layers.md, as the linter enforces
 * them: each forbidden import, written into a file of the importing layer,
 * must be reported; each allowed one must not. If the ESLint zones were
 * edited away, this fails.
 */
const run = promisify(execFile);
const REPO = path.resolve(__dirname, "..");

/**
 * Lints one probe file per case with ESLint's API in a child process (one
 * process for every case: loading the config costs seconds) and returns, per
 * case, the messages of the layer and cycle rules.
 */
async function layerViolations(cases: [string, string][]): Promise<string[][]> {
  const script = `
    const { ESLint } = require("eslint");
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const cases = JSON.parse(process.argv[1]);
      const out = [];
      for (const [file, importPath] of cases) {
        const code = 'import * as imported from "' + importPath + '";\\nexport const used = imported;\\n';
        const [result] = await eslint.lintText(code, { filePath: file });
        out.push(result.messages.filter((m) => m.ruleId === "import/no-restricted-paths" || m.ruleId === "import/no-cycle").map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const { stdout } = await run(process.execPath, ["-e", script, JSON.stringify(cases)], { cwd: REPO });
  return JSON.parse(stdout) as string[][];
}

const FORBIDDEN: [string, string][] = [
  ["platform/probe.ts", "../domain/order-status"],
  ["platform/probe.ts", "../gateway/server"],
  ["platform/probe.ts", "../subgraphs/registry"],
  ["platform/probe.ts", "../dev/demo-data"],
  ["domain/probe.ts", "../gateway/server"],
  ["domain/probe.ts", "../subgraphs/registry"],
  ["domain/probe.ts", "../dev/demo-data"],
  ["gateway/probe.ts", "../subgraphs/registry"],
  ["gateway/probe.ts", "../dev/demo-data"],
  ["gateway/probe.ts", "../test/support/identity"],
  ["subgraphs/probe.ts", "../gateway/server"],
  ["subgraphs/probe.ts", "../dev/demo-data"],
  ["subgraphs/probe.ts", "../bench/support/bench-stack"],
  ["platform/probe.ts", "../domain/topology"],
  ["dashboard/src/probe.ts", "../../gateway/dashboard"],
  ["dashboard/src/probe.ts", "../../platform/http"],
  ["gateway/probe.ts", "../dashboard/src/figures"],
  // Every subgraph of the topology is kept out of every other (the zones are made from the folders of subgraphs/).
  ...SUBGRAPH_NAMES.flatMap((name) =>
    SUBGRAPH_NAMES.filter((other) => other !== name).map((other): [string, string] => [
      `subgraphs/${name}/probe.ts`,
      `../${other}/subgraph`,
    ]),
  ),
  ["subgraphs/breaches/probe.ts", "../people/person/person.type"],
  ["subgraphs/hearings/probe.ts", "../registry"],
  ["subgraphs/shared/probe.ts", "../orders/order/order.type"],
];

const ALLOWED: [string, string][] = [
  ["domain/probe.ts", "../platform/db/db"],
  ["gateway/probe.ts", "../platform/http"],
  ["gateway/probe.ts", "../domain/order-status"],
  ["subgraphs/probe.ts", "../platform/http"],
  ["subgraphs/probe.ts", "../domain/order-status"],
  ["dev/probe.ts", "../subgraphs/registry"],
  ["subgraphs/hearings/probe.ts", "../shared/entity-references"],
  ["subgraphs/hearings/probe.ts", "../../domain/topology"],
  ["subgraphs/probe.ts", "./orders/subgraph"],
  ["subgraphs/shared/probe.ts", "../../platform/subgraph/entity-reference"],
  ["dashboard/src/probe.ts", "./figures"],
];

describe("layer directions (eslint.config.mjs)", () => {
  let forbidden: string[][];
  let allowed: string[][];
  beforeAll(async () => {
    [forbidden, allowed] = await Promise.all([layerViolations(FORBIDDEN), layerViolations(ALLOWED)]);
  });

  it.each(FORBIDDEN.map((entry, index) => [...entry, index] as const))("%s may not import %s", (_file, _importPath, index) => {
    expect(forbidden[index]).toEqual([expect.stringContaining("docs/adr/0006-layers.md")]);
  });

  it.each(ALLOWED.map((entry, index) => [...entry, index] as const))("%s may import %s", (_file, _importPath, index) => {
    expect(allowed[index]).toEqual([]);
  });
});
