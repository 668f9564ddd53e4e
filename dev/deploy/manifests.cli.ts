import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nameProcessLogger } from "../../platform/log";
import { repoPath } from "../../platform/repo-root";
import { renderBase } from "./render";

const log = nameProcessLogger("manifests");

/** npm run manifests: rewrites deploy/k8s/base/ (generated files only; the overlays are hand-written). */
try {
  const files = renderBase();
  for (const file of files) {
    mkdirSync(path.dirname(repoPath(file.path)), { recursive: true });
    writeFileSync(repoPath(file.path), file.content);
  }
  log.info(`Wrote ${files.map((file) => file.path).join(", ")}`);
} catch (error: unknown) {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
