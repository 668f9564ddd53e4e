import { parse } from "graphql";
import { assertStorableRequest, firstUnstorable, isStorableText } from "../storable-text";

describe("text a database can store", () => {
  it("refuses U+0000 and lone surrogates, accepts pairs and ordinary text", () => {
    expect(isStorableText("Zoë 😀 日本")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("a\ud800b")).toBe(false);
    expect(isStorableText("a\udc00")).toBe(false);
    expect(isStorableText("\ud83d\ude00")).toBe(true);
  });

  it("names the variable and the path to the bad string, however deep, without recursion", () => {
    let deep: unknown = "bad\u0000";
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(firstUnstorable(deep, "v")?.path).toBe(`v${"[0]".repeat(100_000)}`);
    expect(() => assertStorableRequest("{ a }", parse("{ a }"), { search: { names: ["ok", "no\u0000"] } })).toThrow(
      "Invalid $search.names[1]: contains a NUL character (U+0000), which cannot be stored",
    );
    expect(() => assertStorableRequest("{ a }", parse("{ a }"), { search: { ["k\u0000"]: 1 } })).toThrow(/\$search \(a key\)/);
  });

  it("finds a NUL in a comment, and one made by an escape in a string literal", () => {
    expect(() => assertStorableRequest("# \u0000\n{ a }", undefined, {})).toThrow(
      "Invalid document: the document contains a NUL character (U+0000)",
    );
    const escaped = '{ a(b: "x\\u0000") }';
    expect(() => assertStorableRequest(escaped, parse(escaped), {})).toThrow(/a string in the document contains a NUL/);
    expect(() => assertStorableRequest("{ a }", parse("{ a }"), { ok: "fine", n: 1 })).not.toThrow();
  });
});
