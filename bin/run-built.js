#!/usr/bin/env node
"use strict";
/**
 * Runs a compiled entry point from dist/ (npm run audit -- …): a command a
 * person types must be quick, so the TypeScript build runs only when dist/ is
 * missing the entry or a source file is newer than it.
 * Usage: node bin/run-built.js <entry relative to the repo, .js> [args…]
 */
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["gateway", "subgraphs", "schema"];
const SOURCE_FILE = /\.(ts|json|sql|csv|graphql)$/;

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "__tests__" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (SOURCE_FILE.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node bin/run-built.js <entry.js> [args…]\n");
  process.exit(2);
}
const compiled = path.join(root, "dist", entry);
const sourcesNewest = Math.max(...SOURCE_DIRS.map((dir) => newestSourceMtime(path.join(root, dir))));
if (!existsSync(compiled) || statSync(compiled).mtimeMs < sourcesNewest) {
  process.stderr.write("(building dist/ first: sources changed since the last build)\n");
  const build = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [compiled, ...args], { stdio: "inherit" });
process.exit(run.status ?? 1);
