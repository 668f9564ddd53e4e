#!/usr/bin/env node
/**
 * node scripts/run-built.js dist/<path>.js [args…]: runs a compiled entry
 * point (npm start, token, seed, compose), building the project first only
 * when dist/ is missing or older than the TypeScript sources. Rebuilding on
 * every call took tens of seconds; an up-to-date run costs one stat per source
 * file, and a build after a change is incremental (tsconfig.build.json keeps
 * its tsBuildInfo in dist/), so it compiles what the change affects.
 *
 * Plain JavaScript because it has to run before anything is compiled. The
 * build's output goes to stderr so that the CLI's stdout stays exactly what
 * the CLI prints (TOKEN=$(npm run token --silent -- …) captures only the token).
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
/** What tsconfig.build.json compiles and the reporting dashboard's bundle is made from, and the settings that change their output. */
const SOURCE_DIRS = ["platform", "domain", "gateway", "subgraphs", "dev", "schema", "bench", "dashboard", "ide"];
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".css", ".html", ".graphql"];
const BUILD_SETTINGS = ["tsconfig.json", "tsconfig.build.json"];

/** The newest modification time (ms) of anything the build compiles under `root`; tests are not compiled. */
function newestSourceMtime(root) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "__tests__" && entry.name !== "node_modules") visit(full);
      } else if (SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension)) && !entry.name.endsWith(".test.ts")) {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) visit(path.join(root, dir));
  for (const file of BUILD_SETTINGS)
    if (fs.existsSync(path.join(root, file))) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  return newest;
}

/** Written after each successful build: an incremental build rewrites only what changed, so no output's time is the build's. */
const BUILD_STAMP = path.join("dist", ".build-stamp");

function mtimeOf(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** True when `entry` (a compiled file) is missing or older than a source (its own time or the last build's, whichever is later). */
function isBuildStale(root, entry) {
  const compiled = path.resolve(root, entry);
  if (!fs.existsSync(compiled)) return true;
  return Math.max(mtimeOf(compiled), mtimeOf(path.join(root, BUILD_STAMP))) < newestSourceMtime(root);
}

/**
 * Compiles the project with tsc --build: incremental (its tsBuildInfo in dist/), and a no-op in about a second when
 * nothing changed; then bundles the reporting dashboard and the development IDE (esbuild, a second or two). A failed build emits nothing
 * (noEmitOnError), so dist/ stays stale and the next run tries again.
 */
function build(root) {
  process.stderr.write("Building (dist/ is missing or older than the sources)…\n");
  const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", 2, 2] }).status ?? 1;
  let status = run([require.resolve("typescript/bin/tsc", { paths: [root] }), "--build", "tsconfig.build.json"]);
  // The browser's bundles (the reporting dashboard, the development IDE), where the project has them.
  for (const bundle of ["dashboard.js", "ide.js"]) {
    if (status === 0 && fs.existsSync(path.join(root, "scripts", bundle))) status = run([path.join(root, "scripts", bundle), "build"]);
  }
  if (status === 0) {
    fs.mkdirSync(path.join(root, "dist"), { recursive: true });
    fs.writeFileSync(path.join(root, BUILD_STAMP), `${new Date().toISOString()}\n`);
  }
  return status;
}

function main(argv) {
  const [entry, ...args] = argv;
  if (!entry) {
    process.stderr.write("usage: node scripts/run-built.js dist/<path>.js [args…]\n");
    return 2;
  }
  if (isBuildStale(REPO_ROOT, entry)) {
    const status = build(REPO_ROOT);
    if (status !== 0) return status;
  }
  // The CLI runs in this process as the main module (its `require.main === module` holds), as if started
  // with `node dist/…`: a second Node process would cost as much again as everything else here.
  process.argv = [process.argv[0], path.resolve(REPO_ROOT, entry), ...args];
  require("node:module").runMain();
  return undefined;
}

if (require.main === module) {
  const status = main(process.argv.slice(2));
  if (status !== undefined) process.exitCode = status;
}
