import DataLoader from "dataloader";

/**
 * DataLoader factories with the batch contract spelled out once: one fetch per
 * batch (the repository issues ONE SQL statement for all keys), results in key
 * order. Built per request, so nothing is cached across callers.
 */

/** One row per key; null where no row exists (a missing entity is not an error). */
export function loaderOfOne<Row, Key extends string = string>(
  fetch: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A list of rows per key, in the order the fetch returned them; [] where none. */
export function loaderOfMany<Row, Key extends string = string>(
  fetch: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row[]> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
