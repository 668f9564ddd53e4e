import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "../data-dir-lock";

/**
 * Embedded PGlite is one process's (openPglite takes this lock before PGlite touches the folder): a second
 * opener is refused at once, told who holds it and what to do; a dead holder's lock is taken over.
 */
describe("the embedded database's folder lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "spo-lock-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const refusalOf = (): Error => {
    try {
      lockDataDir(dir).release();
    } catch (error) {
      return error as Error;
    }
    throw new Error("the second opener was not refused");
  };

  it("refuses a second opener in the same process, and frees the folder on release", () => {
    const lock = lockDataDir(dir);
    const refusal = refusalOf();
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect(refusal.message).toContain(`in use by process ${process.pid}`);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it("refuses an opener while another live process holds it, naming that process and what to do", async () => {
    // A holder in another process (npm start, say): a live pid in the lock file, as lockDataDir writes it.
    const live = spawn(process.execPath, ["-e", "setInterval(() => undefined, 1000)"], { stdio: "ignore" });
    try {
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: live.pid, command: "dev/stack.js", since: new Date().toISOString() }));
      const refusal = refusalOf();
      expect(refusal).toBeInstanceOf(DataDirLockedError);
      expect(refusal.message).toContain(`in use by process ${live.pid} (dev/stack.js`);
      expect(refusal.message).toMatch(/stop that process first .* or point DATA_DIR elsewhere/);
    } finally {
      live.kill();
      await once(live, "exit");
    }
  });

  it("takes over a stale lock left by a process that no longer exists", () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: Number(gone.stdout), command: "killed", since: "2026-01-01T00:00:00Z" }),
    );
    const lock = lockDataDir(dir);
    lock.release();
  });
});
