import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { repoPath } from "../../platform/repo-root";

/**
 * How long starting a compiled entry point may take: scripts/run-built.js compiles dist/ first when it is
 * older than the sources (tens of seconds on a busy machine), then the process starts.
 */
export const BUILD_AND_START_MS = 240_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BuiltProcess {
  pid: number;
  /** Every line it wrote so far, stdout and stderr interleaved as they arrived. */
  lines(): string[];
  /** The first line matching `pattern` (already written or still to come); rejects if the process exits first or after `timeoutMs`. */
  waitForLine(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves once the process has exited (it never rejects). */
  exited: Promise<Exit>;
  /** Whether it is still running now. */
  isRunning(): boolean;
  /** Sends `signal`. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL unless it has exited; resolved once it has. */
  kill(): Promise<void>;
}

/**
 * Only what is given, plus what Node needs to find itself: nothing of the test run's own environment
 * (its DATABASE_URL, REDIS_URL) reaches the process unless the test passes it on.
 */
function processEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env };
}

/** Starts `entry` through scripts/run-built.js, its output piped to the caller. */
function spawnBuilt(entry: string, args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [repoPath("scripts", "run-built.js"), entry, ...args], {
    cwd: repoPath(),
    env: processEnvironment(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * A compiled entry point of this repository (`dist/…`) in a process of its own, started the way the npm
 * scripts start them (scripts/run-built.js: built first when stale, then run as the main module, as
 * `node dist/…` runs it in a container).
 */
export function startBuilt(entry: string, env: Record<string, string>, args: readonly string[] = []): BuiltProcess {
  const child = spawnBuilt(entry, args, env);
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let exitedNow = false;
  void exited.then(() => {
    exitedNow = true;
    for (const check of waiting) check();
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
      for (const check of waiting) check();
    });
    stream.on("end", () => {
      if (partial !== "") lines.push(partial);
      partial = "";
      for (const check of waiting) check();
    });
  }
  return {
    pid: child.pid!,
    lines: () => [...lines],
    waitForLine(pattern, what, timeoutMs = BUILD_AND_START_MS) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)), timeoutMs);
        const finish = (outcome: RegExpExecArray | Error) => {
          clearTimeout(timer);
          waiting.delete(check);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const check = () => {
          for (const line of lines) {
            const match = pattern.exec(line);
            if (match) return finish(match);
          }
          if (exitedNow) finish(new Error(`the process exited before ${what}; it wrote:\n${lines.join("\n")}`));
        };
        waiting.add(check);
        check();
      });
    },
    exited,
    isRunning: () => !exitedNow,
    signal: (signal) => void child.kill(signal),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

export interface CompletedRun extends Exit {
  stdout: string;
  stderr: string;
}

/** A compiled CLI run to completion (killed, and reported as such, if it runs longer than `timeoutMs`). */
export async function runBuilt(
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<CompletedRun> {
  const child = spawnBuilt(entry, args, env);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}
