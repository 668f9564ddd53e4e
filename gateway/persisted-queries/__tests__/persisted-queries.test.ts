import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { Principal } from "../../../platform/identity/principal";
import { inRequestScope, setRequestAccess } from "../../../platform/request-scope";
import { accessKeyOf, AccessPartitionedCache, TrustedDocumentsFirst } from "..";

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

describe("trusted documents first", () => {
  const body = "query DashboardForces { forces { code } }";
  const documents = new Map([["a".repeat(64), body]]);

  it("finds a manifest's document by its id for any caller, registered or not, even outside a request scope", async () => {
    const store = new TrustedDocumentsFirst(documents, new AccessPartitionedCache(new InMemoryLRUCache<string>()));
    await expect(store.get(`apq:${"a".repeat(64)}`)).resolves.toBe(body);
    await inRequestScope(async () => {
      setRequestAccess(accessKeyOf(analyst));
      await expect(store.get(`apq:${"a".repeat(64)}`)).resolves.toBe(body);
    });
  });

  it("leaves every other document to the partitioned store, and never overwrites a manifest's", async () => {
    const inner = new InMemoryLRUCache<string>();
    const store = new TrustedDocumentsFirst(documents, new AccessPartitionedCache(inner));
    await inRequestScope(async () => {
      setRequestAccess(accessKeyOf(analyst));
      await store.set(`apq:${"a".repeat(64)}`, "query Other { forces { name } }");
      await expect(store.get(`apq:${"a".repeat(64)}`)).resolves.toBe(body);
      await store.set(`apq:${"b".repeat(64)}`, "query Mine { forces { name } }");
      await expect(store.get(`apq:${"b".repeat(64)}`)).resolves.toBe("query Mine { forces { name } }");
    });
    await inRequestScope(async () => {
      setRequestAccess(accessKeyOf({ ...analyst, scopes: ["stats:read"] }));
      await expect(store.get(`apq:${"b".repeat(64)}`)).resolves.toBeUndefined();
    });
  });
});
