import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";

export interface WantedPort {
  /** Who would listen there ("gateway", "orders subgraph") and the variable that moves it. */
  owner: string;
  variable: string;
  port: number;
}

/** Whether `port` can be bound on `host` now (it is let go at once). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The inodes of sockets listening on `port` (Linux: /proc/net/tcp and tcp6; state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== "0A") continue;
      if (parseInt(fields[1].split(":")[1], 16) === port) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/**
 * Which process holds `port`, as "pid 1234: node dist/gateway/main.js", where
 * this machine lets us tell (Linux, a process we may inspect); undefined otherwise.
 */
export function describePortHolder(port: number): string | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode === undefined || !inodes.has(inode)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      return `pid ${pid}: ${command}`;
    }
  }
  return undefined;
}

/** Each wanted port already taken on `host`, said as a line naming the port, its variable and, if known, its holder. */
export async function takenPorts(wanted: readonly WantedPort[], host: string): Promise<string[]> {
  const taken: string[] = [];
  for (const { owner, variable, port } of wanted) {
    // 0 asks for any free port: nothing to hold.
    if (port === 0 || (await isPortFree(port, host))) continue;
    const holder = describePortHolder(port);
    taken.push(`port ${port} (the ${owner}; ${variable}) is taken${holder ? ` by ${holder}` : " by another process"}`);
  }
  return taken;
}
