import { GroupCommitWriter } from "../group-commit";

/** A commit that stays open until the test releases it, so what arrives meanwhile is known exactly. */
function heldCommits() {
  const batches: string[][] = [];
  const releases: ((error?: Error) => void)[] = [];
  const commit = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      releases.push((error) => (error ? reject(error) : resolve()));
    });
  return { batches, releases, commit };
}

/** Lets every promise callback already due run (no timers involved). */
const settledMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("items that arrive during a commit share the next one, and each caller waits for the commit holding its item", async () => {
    const held = heldCommits();
    const writer = new GroupCommitWriter(held.commit, { maxBatch: 100, timeoutMs: 60_000 });
    const settled: string[] = [];
    const first = writer.append("a").then(() => settled.push("a"));
    const later = ["b", "c", "d"].map((item) => writer.append(item).then(() => settled.push(item)));
    expect(held.batches).toEqual([["a"]]);

    held.releases[0]();
    await first;
    await settledMicrotasks();
    expect(held.batches).toEqual([["a"], ["b", "c", "d"]]);
    expect(settled).toEqual(["a"]);

    held.releases[1]();
    await Promise.all(later);
    expect(settled).toEqual(["a", "b", "c", "d"]);
  });

  it("a failed commit fails every item in it, and later items get a commit of their own", async () => {
    const held = heldCommits();
    const writer = new GroupCommitWriter(held.commit, { maxBatch: 100, timeoutMs: 60_000 });
    const first = writer.append("a");
    const second = [writer.append("b"), writer.append("c")];
    held.releases[0]();
    await first;
    await settledMicrotasks();
    held.releases[1](new Error("store down"));
    await expect(second[0]).rejects.toThrow("store down");
    await expect(second[1]).rejects.toThrow("store down");
    const third = writer.append("d");
    expect(held.batches[2]).toEqual(["d"]);
    held.releases[2]();
    await expect(third).resolves.toBeUndefined();
  });

  it("splits a long queue into batches of at most maxBatch", async () => {
    const held = heldCommits();
    const writer = new GroupCommitWriter(held.commit, { maxBatch: 2, timeoutMs: 60_000 });
    const all = ["a", "b", "c", "d", "e"].map((item) => writer.append(item));
    for (let i = 0; i < 3; i += 1) {
      expect(held.batches).toHaveLength(i + 1);
      held.releases[i]();
      await settledMicrotasks();
    }
    await Promise.all(all);
    expect(held.batches).toEqual([["a"], ["b", "c"], ["d", "e"]]);
  });

  it("a commit that does not finish in time fails its callers", async () => {
    const writer = new GroupCommitWriter(() => new Promise(() => undefined), { maxBatch: 10, timeoutMs: 1 });
    await expect(writer.append("a")).rejects.toThrow(/did not complete within 1 ms/);
  });
});

describe("group commit isolates one failing item", () => {
  /** A store that refuses any batch holding a poison item, as Postgres refuses a whole transaction for one bad row. */
  function poisonRefusingStore(isPoison: (item: string) => boolean) {
    const committed: string[] = [];
    const commit = async (items: string[]) => {
      if (items.some(isPoison)) throw Object.assign(new Error("invalid byte sequence"), { code: "22P05" });
      committed.push(...items);
    };
    return { committed, commit };
  }
  const isolates = (error: unknown) => (error as { code?: string }).code === "22P05";

  it("the rest of the batch is committed and answered; the poison item alone is refused", async () => {
    const store = poisonRefusingStore((item) => item.startsWith("poison"));
    const writer = new GroupCommitWriter(store.commit, { maxBatch: 100, timeoutMs: 60_000, isolates });
    const items = ["a", "b", "poison-1", "c", "d", "e", "poison-2", "f"];
    const outcomes = await Promise.allSettled(items.map((item) => writer.append(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(items.map((item) => (item.startsWith("poison") ? "rejected" : "fulfilled")));
    expect([...store.committed].sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("a failure that is not one item's (the store is down) fails the batch at once, without splitting it", async () => {
    let commits = 0;
    const writer = new GroupCommitWriter(
      async () => {
        commits += 1;
        throw Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" });
      },
      { maxBatch: 100, timeoutMs: 60_000, isolates },
    );
    const first = writer.append("a");
    const rest = ["b", "c", "d"].map((item) => writer.append(item));
    await expect(first).rejects.toThrow("connection refused");
    for (const item of rest) await expect(item).rejects.toThrow("connection refused");
    expect(commits).toBe(2);
  });
});

describe("group commit and its callers' deadlines", () => {
  it("an item still queued at its deadline is cancelled: never written", async () => {
    const held = heldCommits();
    const late: string[] = [];
    const writer = new GroupCommitWriter(held.commit, { maxBatch: 100, timeoutMs: 60_000, onCommittedLate: (item) => late.push(item) });
    const first = writer.append("a");
    const queued = writer.append("b", 1);
    await expect(queued).rejects.toMatchObject({ name: "CommitTimeoutError", inFlight: false });
    held.releases[0]();
    await first;
    await settledMicrotasks();
    expect(held.batches).toEqual([["a"]]);
    expect(late).toEqual([]);
  });

  it("an item whose commit was running at its deadline and then committed is reported as committed late", async () => {
    const held = heldCommits();
    const late: string[] = [];
    const writer = new GroupCommitWriter(held.commit, { maxBatch: 100, timeoutMs: 60_000, onCommittedLate: (item) => late.push(item) });
    const running = writer.append("a", 1);
    await expect(running).rejects.toMatchObject({ name: "CommitTimeoutError", inFlight: true });
    expect(late).toEqual([]);
    held.releases[0]();
    await settledMicrotasks();
    expect(late).toEqual(["a"]);
  });

  it("a running commit that fails after the deadline wrote nothing: nothing to put right", async () => {
    const held = heldCommits();
    const late: string[] = [];
    const writer = new GroupCommitWriter(held.commit, { maxBatch: 100, timeoutMs: 60_000, onCommittedLate: (item) => late.push(item) });
    await expect(writer.append("a", 1)).rejects.toMatchObject({ inFlight: true });
    held.releases[0](new Error("store down"));
    await settledMicrotasks();
    expect(late).toEqual([]);
  });
});
