#!/usr/bin/env node
/**
 * npm run test:mutation [-- --ci] [-- module.ts …]
 *
 * Runs Stryker once per module of test/mutation/modules.js, each against its
 * own tests (test/mutation/stryker.config.mjs), and fails when a module scores
 * below its break threshold.
 *
 * - Full run (the default): every mutant of every module (or of the modules
 *   named) is tried again; the scores go to test/mutation/results.md and
 *   results.json, and each module's Stryker incremental file
 *   (test/mutation/incremental/) is rewritten. Commit all three.
 * - --ci: what .ci/run does. A module whose inputs (its source, its tests,
 *   its entry in modules.js, the Stryker, jest and TypeScript configuration
 *   and the lockfile) are byte for byte those of
 *   the committed results is not run: its committed score stands. Any other
 *   module runs with Stryker's --incremental against its committed incremental
 *   file, so only the mutants of changed code, or covered by changed tests,
 *   are tried again; the rest keep their committed result. Neither notices a
 *   change in a file the module imports or a test helper (docs/testing.md):
 *   the full run is the reference, and is run when those change.
 *
 * Plain JavaScript: it runs before anything is compiled.
 */
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { MODULES, slugOf } = require("../test/mutation/modules.js");

const REPO_ROOT = path.resolve(__dirname, "..");
const RESULTS_JSON = path.join(REPO_ROOT, "test/mutation/results.json");
const RESULTS_MD = path.join(REPO_ROOT, "test/mutation/results.md");
const CONFIG_FILES = ["test/mutation/stryker.config.mjs", "jest.config.js", "tsconfig.json", "package-lock.json"];

const args = process.argv.slice(2);
const ci = args.includes("--ci");
const named = args.filter((arg) => !arg.startsWith("--"));
for (const name of named)
  if (!MODULES.some((module) => module.file === name)) throw new Error(`Not a module of test/mutation/modules.js: ${name}`);
const selected = named.length > 0 ? MODULES.filter((module) => named.includes(module.file)) : MODULES;

/** What a module's result depends on, as one digest. */
function inputsDigest(module) {
  const hash = createHash("sha256").update(JSON.stringify(module)).update("\0");
  for (const file of [module.file, ...module.tests, ...CONFIG_FILES]) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(REPO_ROOT, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** Counts and score of one module from Stryker's JSON report (mutation-testing-report-schema). */
function scoreOf(module) {
  const report = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "reports/mutation", `${slugOf(module.file)}.json`), "utf8"));
  const file = report.files[module.file] ?? Object.values(report.files)[0];
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  const survivors = file.mutants
    .filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")
    .map((mutant) => `${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} (${mutant.status})`);
  return {
    mutants: file.mutants.length,
    killed: counts.Killed,
    timeout: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
    compileErrors: counts.CompileError,
    score: valid === 0 ? 100 : Math.floor((detected / valid) * 10000) / 100,
    survivors,
  };
}

function runStryker(module, { incremental, force }) {
  const stryker = path.join(REPO_ROOT, "node_modules/@stryker-mutator/core/bin/stryker.js");
  const flags = [...(incremental ? ["--incremental"] : []), ...(force ? ["--force"] : [])];
  console.log(`\n== ${module.file} (${module.tests.length} test file(s)${flags.length ? `, ${flags.join(" ")}` : ""})`);
  const run = spawnSync(process.execPath, [stryker, "run", "test/mutation/stryker.config.mjs", ...flags], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, MUTATION_MODULE: module.file },
  });
  // Exit code 1 is also how Stryker reports a score under the break threshold: judged below from the report.
  const reportFile = path.join(REPO_ROOT, "reports/mutation", `${slugOf(module.file)}.json`);
  if (run.status !== 0 && !fs.existsSync(reportFile)) throw new Error(`Stryker failed on ${module.file} without a report`);
}

function readResults() {
  return fs.existsSync(RESULTS_JSON) ? JSON.parse(fs.readFileSync(RESULTS_JSON, "utf8")) : { modules: {} };
}

function writeResults(results) {
  fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  const rows = MODULES.filter((module) => results.modules[module.file]).map((module) => {
    const r = results.modules[module.file];
    return `| ${module.file} | ${r.mutants} | ${r.killed + r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.compileErrors} | ${r.score.toFixed(2)}% | ${module.threshold}% | ${r.ranOn} |`;
  });
  const survivors = MODULES.filter((module) => results.modules[module.file]?.survivors.length).map(
    (module) => `- ${module.file}: ${results.modules[module.file].survivors.join("; ")}`,
  );
  fs.writeFileSync(
    RESULTS_MD,
    [
      "# Mutation testing results",
      "",
      "Written by `npm run test:mutation` (a full run); see [docs/testing.md](../../docs/testing.md). Each module is mutated",
      "against its own tests only (test/mutation/modules.js). Score = (killed + timed out) / (killed + timed out + survived + not covered);",
      "mutants the TypeScript checker rejects (compile errors) are not behaviour and are not counted.",
      "",
      "| module | mutants | killed | survived | not covered | compile errors | score | break at | run on |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
      "## Surviving mutants (line:column mutator)",
      "",
      "Each is explained in [equivalent-mutants.md](equivalent-mutants.md), or is a gap to close.",
      "",
      ...(survivors.length ? survivors : ["None."]),
      "",
    ].join("\n"),
  );
}

const results = readResults();
if (args.includes("--rewrite-results")) {
  // Only the Markdown, from results.json (after a threshold or the list of modules changed).
  writeResults(results);
  process.exit(0);
}
const below = [];
for (const module of selected) {
  const digest = inputsDigest(module);
  const committed = results.modules[module.file];
  if (ci && committed && committed.inputs === digest) {
    console.log(`\n== ${module.file}: unchanged since the committed full run, score ${committed.score}% stands`);
    if (committed.score < module.threshold) below.push(`${module.file} ${committed.score}% < ${module.threshold}%`);
    continue;
  }
  runStryker(module, { incremental: true, force: !ci });
  const score = scoreOf(module);
  console.log(`== ${module.file}: ${score.score}% (break at ${module.threshold}%)`);
  if (score.score < module.threshold) below.push(`${module.file} ${score.score}% < ${module.threshold}%`);
  if (!ci) {
    results.modules[module.file] = { ...score, inputs: digest, ranOn: new Date().toISOString().slice(0, 10) };
    writeResults(results);
  }
}

if (below.length > 0) {
  console.error(`\nMutation score under the break threshold: ${below.join(", ")}`);
  process.exit(1);
}
console.log(`\nMutation testing: ${selected.length} module(s) at or above their break threshold`);
