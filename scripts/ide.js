#!/usr/bin/env node
/**
 * The development IDE's build (docs/operations.md, "Development IDE"):
 * GraphiQL, React and the page's own code bundled by esbuild into dist/ide/,
 * its CSS and any fonts beside it, so the IDE loads nothing from another
 * origin. npm run build and npm start build it.
 *
 *   node scripts/ide.js build
 *
 * Plain JavaScript: it runs before tsc.
 */
const fs = require("node:fs");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(REPO_ROOT, "dist", "ide");

async function buildIde({ outDir = OUT_DIR } = {}) {
  const esbuild = require("esbuild");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, "ide", "src", "main.tsx")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".svg": "file" },
    assetNames: "[name]-[hash]",
    publicPath: "/graphiql",
    legalComments: "linked",
    outfile: path.join(outDir, "app.js"),
    logLevel: "warning",
  });
  fs.copyFileSync(path.join(REPO_ROOT, "ide", "index.html"), path.join(outDir, "index.html"));
  return outDir;
}

module.exports = { buildIde, OUT_DIR };

if (require.main === module) {
  if (process.argv[2] === "build") {
    buildIde().catch((error) => {
      process.stderr.write(`ide: ${error.message}\n`);
      process.exit(1);
    });
  } else {
    process.stderr.write("Usage: node scripts/ide.js build\n");
    process.exit(2);
  }
}
