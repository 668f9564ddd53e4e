import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The repository root, found by walking up to package.json. Code runs both from
 * sources (ts-jest) and from dist/, so paths to checked-in files (migrations,
 * estate data, schema) cannot be relative to __dirname.
 */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function repoPath(...segments: string[]): string {
  return path.join(repoRoot(), ...segments);
}
