import type { Db } from "../db";
import { boolean, date, defineTable, int, keysExcept, text } from "../table";

/** A database that answers nothing and keeps every statement it was sent. */
function recordingDb(): Db & { sent: { text: string; params: readonly unknown[] }[] } {
  const sent: { text: string; params: readonly unknown[] }[] = [];
  return {
    engine: "postgres",
    sent,
    query: async <Row>(text: string, params: readonly unknown[] = []) => {
      sent.push({ text, params });
      return [] as Row[];
    },
    execScript: async () => undefined,
    transaction: async (work) => work(recordingDb()),
    close: async () => undefined,
  };
}

const ITEMS = defineTable("stock_item", {
  id: text(),
  kind: text<"A" | "B">(),
  madeOn: date().nullable(),
  untilFurtherOrder: boolean(),
  version: int().withDefault(1),
});

describe("defineTable", () => {
  it("derives the SELECT list of every column, or of some, aliased to their keys and qualified when asked", () => {
    expect(ITEMS.selectList()).toBe(
      `id AS "id", kind AS "kind", made_on AS "madeOn", until_further_order AS "untilFurtherOrder", version AS "version"`,
    );
    expect(ITEMS.selectList({ alias: "i", only: keysExcept(ITEMS, ["version", "kind"]) })).toBe(
      `i.id AS "id", i.made_on AS "madeOn", i.until_further_order AS "untilFurtherOrder"`,
    );
  });

  it("inserts any number of rows in one statement of one array per column, writing null or the default for a column left out", async () => {
    const db = recordingDb();
    await ITEMS.insert(db, [
      { id: "i1", kind: "A", untilFurtherOrder: false },
      { id: "i2", kind: "B", madeOn: "2020-08-13", untilFurtherOrder: true, version: 3 },
    ]);
    expect(db.sent).toEqual([
      {
        text:
          "INSERT INTO stock_item (id, kind, made_on, until_further_order, version) " +
          "SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::boolean[], $5::int[])",
        params: [
          ["i1", "i2"],
          ["A", "B"],
          [null, "2020-08-13"],
          [false, true],
          [1, 3],
        ],
      },
    ]);
  });

  it("sends nothing for no rows", async () => {
    const db = recordingDb();
    await ITEMS.insert(db, []);
    expect(db.sent).toEqual([]);
  });

  it("appends the upsert of every other column, its condition and what is returned", async () => {
    const db = recordingDb();
    const upsert = ITEMS.upsertClause(["id"], "stock_item.version < excluded.version");
    expect(upsert).toBe(
      "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, made_on = excluded.made_on, " +
        "until_further_order = excluded.until_further_order, version = excluded.version WHERE stock_item.version < excluded.version",
    );
    await ITEMS.insert(db, [{ id: "i1", kind: "A", untilFurtherOrder: false }], {
      onConflict: upsert,
      returning: ITEMS.selectList({ only: ["id"] }),
    });
    expect(db.sent[0].text.endsWith(`${upsert} RETURNING id AS "id"`)).toBe(true);
  });
});
