/**
 * The two ends of the benchmark's IPC channel to the processes it starts:
 * each child (a gateway, the subgraphs) announces where it listens, then
 * answers "probe" with its own CPU and memory accounting, so the parent can
 * attribute CPU per request to exactly one process.
 */
import { fork, type ChildProcess } from "node:child_process";

export interface ProcessProbe {
  /** process.cpuUsage(): user + system microseconds since the process started. */
  cpuMicros: number;
  rssBytes: number;
  /** process.resourceUsage().maxRSS: the peak resident set so far, in bytes. */
  peakRssBytes: number;
  /** SQL statements the process sent so far (subgraphs only; 0 elsewhere). */
  sqlStatements: number;
  /** process.memoryUsage() now: where the resident set is (V8 heap in use and reserved, buffers outside it). */
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
}

type ToParent =
  { type: "ready"; urls: Record<string, string> } | { type: "probe"; probe: ProcessProbe } | { type: "failed"; message: string };

/** Child side: announce readiness and answer probes for as long as the process lives. */
export function reportToParent(urls: Record<string, string>, sqlStatements: () => number = () => 0): void {
  const send = (message: ToParent) => process.send?.(message);
  process.on("message", (message: { type?: string }) => {
    if (message?.type !== "probe") return;
    const cpu = process.cpuUsage();
    // Diagnosis only (BENCH_PROBE_GC=1 and --expose-gc): what is live, not what awaits collection.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (process.env.BENCH_PROBE_GC === "1" && gc) gc();
    const memory = process.memoryUsage();
    send({
      type: "probe",
      probe: {
        cpuMicros: cpu.user + cpu.system,
        rssBytes: memory.rss,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        sqlStatements: sqlStatements(),
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
      },
    });
  });
  // The parent going away (Ctrl-C, a crash) takes the child with it; an orderly exit also writes a --cpu-prof profile.
  process.on("disconnect", () => process.exit(0));
  process.once("SIGTERM", () => process.exit(0));
  send({ type: "ready", urls });
}

/** Child side: a start-up failure reaches the parent's error, not only stderr. */
export function failToParent(error: unknown): void {
  console.error(error);
  process.send?.({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies ToParent);
  process.exitCode = 1;
}

export interface BenchChild {
  name: string;
  urls: Record<string, string>;
  probe(): Promise<ProcessProbe>;
  stop(): Promise<void>;
}

/** Parent side: forks `script` with `env` added, resolves once it reports ready. */
export async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  execArgv: string[] = [],
  /** "ignore": the child's stdout goes nowhere (a gateway logging every request, whose writing is part of what is measured). */
  stdout: "inherit" | "ignore" = "inherit",
): Promise<BenchChild> {
  const child: ChildProcess = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ["ignore", stdout, "inherit", "ipc"],
  });
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited (code ${code}) before it was ready`));
    child.once("exit", onExit);
    child.on("message", (message: ToParent) => {
      if (message.type === "ready") {
        child.off("exit", onExit);
        resolve(message.urls);
      } else if (message.type === "failed") reject(new Error(`${name} failed to start: ${message.message}`));
    });
  });
  return {
    name,
    urls,
    probe: () =>
      new Promise((resolve) => {
        const onMessage = (message: ToParent) => {
          if (message.type !== "probe") return;
          child.off("message", onMessage);
          resolve(message.probe);
        };
        child.on("message", onMessage);
        child.send({ type: "probe" });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
