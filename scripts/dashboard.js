#!/usr/bin/env node
/**
 * The reporting dashboard's build (docs/dashboard.md): its operations into the
 * trusted-documents manifest, its TypeScript and CSS into dist/dashboard/.
 *
 *   node scripts/dashboard.js manifest   writes schema/trusted-documents.json from dashboard/operations/
 *   node scripts/dashboard.js build      bundles dashboard/ into dist/dashboard/ (esbuild)
 *
 * The page holds no query text: importing an operation's .graphql file gives
 * only its id (the sha256 of its text, as the manifest lists it and as
 * automatic persisted queries send it), so the bundle cannot send anything
 * but the manifest's documents. Plain JavaScript: it runs before tsc.
 */
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const OPERATIONS_DIR = path.join(REPO_ROOT, "dashboard", "operations");
const MANIFEST_FILE = path.join(REPO_ROOT, "schema", "trusted-documents.json");
const OUT_DIR = path.join(REPO_ROOT, "dist", "dashboard");

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

/** An operation's text exactly as the manifest keeps it (the file, trailing newline trimmed). */
function operationBody(file) {
  return fs.readFileSync(file, "utf8").trimEnd();
}

/** Apollo's persisted query manifest of every operation under dashboard/operations/, by name. */
function dashboardManifest() {
  const operations = fs
    .readdirSync(OPERATIONS_DIR)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => {
      const body = operationBody(path.join(OPERATIONS_DIR, name));
      const match = /^\s*(query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(body);
      if (!match) throw new Error(`dashboard/operations/${name}: one named operation per file`);
      if (`${match[2]}.graphql` !== name) throw new Error(`dashboard/operations/${name}: the file is named after its operation`);
      return { id: sha256(body), name: match[2], type: match[1], body };
    });
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

function manifestText() {
  return `${JSON.stringify(dashboardManifest(), null, 2)}\n`;
}

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

module.exports = { dashboardManifest, manifestText, buildDashboard, MANIFEST_FILE, OUT_DIR };

if (require.main === module) {
  const command = process.argv[2];
  if (command === "manifest") {
    fs.writeFileSync(MANIFEST_FILE, manifestText());
  } else if (command === "build") {
    buildDashboard().catch((error) => {
      process.stderr.write(`dashboard: ${error.message}\n`);
      process.exit(1);
    });
  } else {
    process.stderr.write("Usage: node scripts/dashboard.js manifest|build\n");
    process.exit(2);
  }
}
