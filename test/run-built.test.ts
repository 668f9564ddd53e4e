import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoPath } from "../platform/repo-root";

// The little of Node the CLI under test uses, declared: compiling against @types/node would make each build take seconds.
const NODE_DECLARATIONS =
  "declare const require: { main: unknown }, module: unknown, process: { argv: string[]; stdout: { write(text: string): void } };\n";

/**
 * scripts/run-built.js (behind npm run token, seed and compose) on a project of
 * its own in a temporary folder: one CLI source file, compiled by the real tsc.
 */
describe("scripts/run-built.js", () => {
  let root: string;
  const inRoot = (...parts: string[]) => path.join(root, ...parts);
  const compiled = () => inRoot("dist", "gateway", "echo.cli.js");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [inRoot("scripts", "run-built.js"), "dist/gateway/echo.cli.js", ...args], { cwd: root, encoding: "utf8" });
  /** Sets a file's modification time `seconds` from now, so no assertion depends on how long a build took. */
  const age = (file: string, seconds: number) => {
    const at = new Date(Date.now() + seconds * 1000);
    utimesSync(file, at, at);
  };
  const writeCli = (body: string) => writeFileSync(inRoot("gateway", "echo.cli.ts"), NODE_DECLARATIONS + body);
  const echo = (expression: string) => writeCli(`if (require.main === module) process.stdout.write(${expression} + "\\n");\n`);

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "run-built-"));
    mkdirSync(inRoot("scripts"));
    mkdirSync(inRoot("gateway", "__tests__"), { recursive: true });
    copyFileSync(repoPath("scripts", "run-built.js"), inRoot("scripts", "run-built.js"));
    symlinkSync(repoPath("node_modules"), inRoot("node_modules"), "dir");
    const compilerOptions = {
      module: "commonjs",
      target: "ES2022",
      lib: ["ES2022"],
      types: [],
      skipLibCheck: true,
      outDir: "dist",
      rootDir: ".",
    };
    writeFileSync(inRoot("tsconfig.json"), JSON.stringify({ compilerOptions, include: ["gateway"] }));
    // The build settings of the project's own tsconfig.build.json that the script relies on (its types aside).
    const build = { incremental: true, tsBuildInfoFile: "dist/tsconfig.build.tsbuildinfo", noEmitOnError: true };
    writeFileSync(inRoot("tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: build }));
    echo(`"argv: " + process.argv.slice(2).join(" ")`);
    for (const file of ["tsconfig.json", "tsconfig.build.json", "gateway/echo.cli.ts"]) age(inRoot(file), -120);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("builds when dist/ is missing, then runs the CLI with its arguments, printing nothing but what the CLI prints", () => {
    const result = run("--persona", "national-analyst");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("argv: --persona national-analyst\n");
    expect(result.stderr).toMatch(/^Building/);
  });

  it("does not build when dist/ is newer than every source", () => {
    age(compiled(), -30);
    const before = statSync(compiled()).mtimeMs;
    const result = run("again");
    expect(result.stdout).toBe("argv: again\n");
    expect(result.stderr).toBe("");
    expect(statSync(compiled()).mtimeMs).toBe(before);
  });

  it("ignores changed tests, which the build does not compile", () => {
    writeFileSync(inRoot("gateway", "__tests__", "echo.test.ts"), "export {};\n");
    age(compiled(), -30);
    expect(run().stderr).toBe("");
  });

  it("rebuilds when a source changed after the last build, and runs the new code", () => {
    echo(`"changed"`);
    age(compiled(), -30);
    const result = run();
    expect(result.stderr).toMatch(/^Building/);
    expect(result.stdout).toBe("changed\n");
  });

  it("counts an incremental build that left the entry as it was: the next run does not build again", () => {
    writeFileSync(inRoot("gateway", "other.ts"), "export const other = 1;\n");
    age(compiled(), -30);
    expect(run().stderr).toMatch(/^Building/);
    // tsc --build rewrote only other.js: the entry is still older than the source that changed.
    expect(statSync(compiled()).mtimeMs).toBeLessThan(statSync(inRoot("gateway", "other.ts")).mtimeMs);
    expect(run().stderr).toBe("");
  });

  it("rebuilds when the build settings changed", () => {
    age(compiled(), -30);
    age(inRoot("tsconfig.json"), 0);
    expect(run().stderr).toMatch(/^Building/);
  });

  it("does not run the CLI when the build fails, exits with the failure, and builds again next time", () => {
    writeCli(`const broken: number = "not a number";\nprocess.stdout.write("ran " + broken);\n`);
    age(compiled(), -30);
    for (const attempt of [1, 2]) {
      // A failed build emits nothing, so dist/ stays stale and the next attempt builds (and fails) again.
      const result = run();
      expect({ attempt, failed: result.status !== 0, stdout: result.stdout }).toEqual({ attempt, failed: true, stdout: "" });
      expect(result.stderr).toMatch(/^Building[^]*error TS2322/);
    }
  });
});
