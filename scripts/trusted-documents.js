#!/usr/bin/env node
/**
 * npm run trusted-documents: writes the shipped trusted-documents manifest,
 * schema/trusted-documents.json (Apollo's persisted query manifest format),
 * from the operations of every service client this project ships:
 *
 * - dashboard/operations/: the reporting dashboard's (its bundle holds only their ids);
 * - schema/trusted-operations/<client>/: each documented integration's (court listing).
 *
 * One named operation per file, the file named after it; an operation's id is
 * the sha256 of its text (the file, trailing newline trimmed), as automatic
 * persisted queries send it. Plain JavaScript: it runs before tsc.
 */
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const MANIFEST_FILE = path.join(REPO_ROOT, "schema", "trusted-documents.json");
const INTEGRATIONS_DIR = path.join(REPO_ROOT, "schema", "trusted-operations");

/** Where the operations come from: the dashboard's, then each integration's folder. */
function operationDirs() {
  const integrations = fs.existsSync(INTEGRATIONS_DIR)
    ? fs
        .readdirSync(INTEGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(INTEGRATIONS_DIR, entry.name))
        .sort()
    : [];
  return [path.join(REPO_ROOT, "dashboard", "operations"), ...integrations];
}

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

/** An operation's text exactly as the manifest keeps it (the file, trailing newline trimmed). */
function operationBody(file) {
  return fs.readFileSync(file, "utf8").trimEnd();
}

function trustedDocumentsManifest() {
  const names = new Set();
  const operations = operationDirs().flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".graphql"))
      .sort()
      .map((name) => {
        const where = path.relative(REPO_ROOT, path.join(dir, name));
        const body = operationBody(path.join(dir, name));
        const match = /^\s*(query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(body);
        if (!match) throw new Error(`${where}: one named operation per file`);
        if (`${match[2]}.graphql` !== name) throw new Error(`${where}: the file is named after its operation`);
        if (names.has(match[2])) throw new Error(`${where}: another client's operation already has the name ${match[2]}`);
        names.add(match[2]);
        return { id: sha256(body), name: match[2], type: match[1], body };
      }),
  );
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

function manifestText() {
  return `${JSON.stringify(trustedDocumentsManifest(), null, 2)}\n`;
}

module.exports = { manifestText, operationBody, sha256, MANIFEST_FILE };

if (require.main === module) fs.writeFileSync(MANIFEST_FILE, manifestText());
