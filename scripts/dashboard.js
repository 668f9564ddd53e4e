#!/usr/bin/env node
/**
 * The reporting dashboard's build (docs/dashboard.md): its TypeScript and CSS
 * into dist/dashboard/ (its operations go into the trusted-documents manifest
 * through scripts/trusted-documents.js).
 *
 *   node scripts/dashboard.js build      bundles dashboard/ into dist/dashboard/ (esbuild)
 *
 * The page holds no query text: importing an operation's .graphql file gives
 * only its id (the sha256 of its text, as the manifest lists it and as
 * automatic persisted queries send it), so the bundle cannot send anything
 * but the manifest's documents. Plain JavaScript: it runs before tsc.
 */
const fs = require("node:fs");
const path = require("node:path");

const { operationBody, sha256 } = require("./trusted-documents.js");

const REPO_ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(REPO_ROOT, "dist", "dashboard");

/** esbuild: `import id from "../operations/X.graphql"` is the operation's id, never its text. */
const operationIds = {
  name: "operation-ids",
  setup(build) {
    build.onLoad({ filter: /\.graphql$/ }, (args) => ({
      contents: `export default ${JSON.stringify(sha256(operationBody(args.path)))};`,
      loader: "js",
    }));
  },
};

async function buildDashboard({ outDir = OUT_DIR, minify = true } = {}) {
  const esbuild = require("esbuild");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, "dashboard", "src", "main.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify,
    sourcemap: false,
    legalComments: "linked",
    outfile: path.join(outDir, "app.js"),
    plugins: [operationIds],
    logLevel: "warning",
  });
  for (const file of ["index.html", "app.css"]) fs.copyFileSync(path.join(REPO_ROOT, "dashboard", file), path.join(outDir, file));
  return outDir;
}

module.exports = { buildDashboard, OUT_DIR };

if (require.main === module) {
  const command = process.argv[2];
  if (command === "build") {
    buildDashboard().catch((error) => {
      process.stderr.write(`dashboard: ${error.message}\n`);
      process.exit(1);
    });
  } else {
    process.stderr.write("Usage: node scripts/dashboard.js build\n");
    process.exit(2);
  }
}
