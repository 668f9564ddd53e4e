import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/** The lock file inside an embedded database's folder: who holds it, for the message to whoever else tries. */
export const LOCK_FILE = "spo-process.lock";

export class DataDirLockedError extends Error {}

export interface DataDirLock {
  release(): void;
}

interface Holder {
  pid: number;
  command: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Holder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite is one process's database: two processes opening one folder each
 * write their own copy and records are lost. The first opener writes a lock
 * file with its pid (created exclusively, so two openers cannot both win); a
 * later one is refused at once, told who holds it and what to do. A lock left
 * by a process that no longer exists (killed, crashed) is stale and taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const holder: Holder = { pid: process.pid, command: process.argv.slice(1).join(" ").slice(0, 200), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (readHolder(file)?.pid === process.pid) unlinkSync(file);
      };
      // A process that exits without closing its database (process.exit) leaves no lock behind.
      process.on("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readHolder(file);
      if (current && isAlive(current.pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${current.pid} (${current.command}, since ${current.since}). ` +
            `Only one process may open it: stop that process first (Ctrl-C in its terminal, or kill ${current.pid}), ` +
            `or point DATA_DIR elsewhere. Set DATABASE_URL to share data between processes through Postgres.`,
        );
      }
      // Stale (its process is gone) or unreadable (a crash mid-write): take it over.
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== "ENOENT") throw unlinkError;
      }
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database in ${dataDir}: another process keeps taking it`);
}
