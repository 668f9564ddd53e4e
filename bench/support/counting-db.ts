import type { Db } from "../../platform/db/db";

/** A Db that counts every statement sent through it (transactions included): SQL statements per request. */
export function countingDb(db: Db, count: () => void): Db {
  const wrap = (inner: Db): Db => ({
    engine: inner.engine,
    query: (text, params) => (count(), inner.query(text, params)),
    execScript: (sql) => (count(), inner.execScript(sql)),
    transaction: (work) => inner.transaction((tx) => work(wrap(tx))),
    close: () => inner.close(),
  });
  return wrap(db);
}
