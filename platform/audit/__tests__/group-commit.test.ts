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
