import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

export interface ProxyProcess {
  port: number;
  /** SIGSTOP: the process freezes, its listening socket still accepts. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** SIGKILL, resolved once the process has exited. */
  kill(): Promise<void>;
}

/** A loopback TCP proxy to `targetPort` in a child process, resolved once it listens. */
export async function startProxyProcess(targetPort: number, listenPort = 0): Promise<ProxyProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, "tcp-proxy-process.js"), String(targetPort), String(listenPort)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /LISTENING (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`the proxy exited before listening (code ${code})`)));
  });
  return {
    port,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
  };
}
