import { buildSchema, parse } from "graphql";
import { DocumentWorkCache } from "../document-work-cache";

const schema = buildSchema(`type Query { a: Int }`);
const cacheable = (value: string) => () => ({ value, cacheable: true });

describe("DocumentWorkCache", () => {
  it("finds an outcome again only for the very document object, schema and key it was computed for", () => {
    const cache = new DocumentWorkCache<string>(10);
    const document = parse(`{ a }`);
    expect(cache.get(schema, document, "k", cacheable("first"))).toBe("first");
    expect(cache.get(schema, document, "k", cacheable("second"))).toBe("first");
    // The same text parsed again is another document: never confused, even with equal text.
    expect(cache.get(schema, parse(`{ a }`), "k", cacheable("reparsed"))).toBe("reparsed");
    expect(cache.get(schema, document, "other key", cacheable("other key"))).toBe("other key");
    expect(cache.get(buildSchema(`type Query { a: Int }`), document, "k", cacheable("other schema"))).toBe("other schema");
    expect(cache.stats()).toEqual({ hits: 1, misses: 4, uncacheable: 0, size: 4 });
  });

  it("never stores an outcome its computation calls uncacheable", () => {
    const cache = new DocumentWorkCache<string>(10);
    const document = parse(`{ a }`);
    expect(cache.get(schema, document, "k", () => ({ value: "depends on variables", cacheable: false }))).toBe("depends on variables");
    expect(cache.get(schema, document, "k", cacheable("computed again"))).toBe("computed again");
    expect(cache.stats()).toEqual({ hits: 0, misses: 1, uncacheable: 1, size: 1 });
  });

  it("holds at most maxEntries, dropping the least recently used", () => {
    const cache = new DocumentWorkCache<string>(2);
    const [one, two, three] = [parse(`{ a }`), parse(`{ a }`), parse(`{ a }`)];
    cache.get(schema, one, "k", cacheable("one"));
    cache.get(schema, two, "k", cacheable("two"));
    cache.get(schema, one, "k", cacheable("unused")); // one is now the most recently used
    cache.get(schema, three, "k", cacheable("three")); // drops two
    expect(cache.stats().size).toBe(2);
    expect(cache.get(schema, one, "k", cacheable("one again"))).toBe("one");
    expect(cache.get(schema, two, "k", cacheable("two again"))).toBe("two again");
  });

  it("stores nothing at size 0", () => {
    const cache = new DocumentWorkCache<string>(0);
    const document = parse(`{ a }`);
    cache.get(schema, document, "k", cacheable("first"));
    expect(cache.get(schema, document, "k", cacheable("second"))).toBe("second");
    expect(cache.stats().size).toBe(0);
  });
});
