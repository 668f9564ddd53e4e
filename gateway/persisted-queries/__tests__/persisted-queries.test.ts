import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { Principal } from "../../../platform/identity/principal";
import { inRequestScope, setRequestAccess } from "../../../platform/request-scope";
import { accessKeyOf, AccessPartitionedCache } from "..";

const analyst: Principal = {
  sub: "analyst-1",
  persona: "national-analyst",
  scopes: ["spo:read", "stats:read"],
  jurisdiction: { kind: "national" },
  purpose: "review",
};

describe("persisted queries partitioned by access", () => {
  it("give callers of the same scopes, jurisdiction and persona one key, whoever they are and in whatever order", () => {
    const peer = { ...analyst, sub: "analyst-2", purpose: null, scopes: ["stats:read", "spo:read", "stats:read"] };
    expect(accessKeyOf(peer)).toBe(accessKeyOf(analyst));
    const forces = (codes: string[]): Principal => ({ ...analyst, jurisdiction: { kind: "forces", forces: codes } });
    expect(accessKeyOf(forces(["21", "07"]))).toBe(accessKeyOf(forces(["07", "21"])));
  });

  it("give callers differing in one respect of access different keys", () => {
    const others: Principal[] = [
      { ...analyst, scopes: ["spo:read"] },
      { ...analyst, jurisdiction: { kind: "forces", forces: ["07"] } },
      { ...analyst, persona: "reporting-dashboard" },
      { ...analyst, persona: null },
    ];
    const keys = new Set([analyst, ...others].map(accessKeyOf));
    expect(keys.size).toBe(others.length + 1);
  });

  it("find a document only under the access that registered it, and nothing outside a request's scope", async () => {
    const backing = new InMemoryLRUCache<string>();
    const cache = new AccessPartitionedCache(backing);
    const as = <T>(access: string | undefined, work: () => Promise<T>) =>
      inRequestScope(async () => {
        if (access !== undefined) setRequestAccess(access);
        return work();
      });
    await as("A", () => cache.set("apq:abc", "{ forces { code } }"));
    expect(await as("A", () => cache.get("apq:abc"))).toBe("{ forces { code } }");
    expect(await as("B", () => cache.get("apq:abc"))).toBeUndefined();
    expect(await as(undefined, () => cache.get("apq:abc"))).toBeUndefined();
    expect(await cache.get("apq:abc")).toBeUndefined();
    await as(undefined, () => cache.set("apq:def", "{ courts { code } }"));
    expect(await backing.get("apq:A:abc")).toBe("{ forces { code } }");
    expect(await backing.get("apq:abc")).toBeUndefined();
    expect(await backing.get("apq:def")).toBeUndefined();
  });
});
