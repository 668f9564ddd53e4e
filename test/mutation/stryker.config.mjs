// @ts-check
/**
 * Stryker's configuration for ONE module of test/mutation/modules.js, named by
 * the MUTATION_MODULE environment variable (scripts/mutation.js runs them in
 * turn). Each module is mutated against its own tests only: the jest
 * configuration is the project's (jest.config.js, read in Stryker's sandbox),
 * with testMatch narrowed to those files.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { MODULES, slugOf } = require("./modules.js");

const name = process.env.MUTATION_MODULE;
const mutationModule = MODULES.find((/** @type {{ file: string }} */ candidate) => candidate.file === name);
if (!mutationModule) throw new Error(`MUTATION_MODULE must name a module of test/mutation/modules.js; got ${name ?? "nothing"}`);
const slug = slugOf(mutationModule.file);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "jest",
  // Type-incorrect mutants (a string literal type changed) are not behaviour a test should catch.
  checkers: process.env.MUTATION_TYPECHECK === "0" ? [] : ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [mutationModule.file],
  coverageAnalysis: "perTest",
  // The machine's two cores are shared; one test process at a time keeps others working.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  jest: {
    projectType: "custom",
    config: {
      testMatch: mutationModule.tests.map((/** @type {string} */ test) => `<rootDir>/${test}`),
    },
    enableFindRelatedTests: false,
  },
  thresholds: { high: 95, low: 90, break: mutationModule.threshold },
  incrementalFile: `test/mutation/incremental/${slug}.json`,
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  tempDirName: `.stryker-tmp/${slug}`,
  cleanTempDir: true,
};
