/**
 * GraphiQL keeps its tabs (queries, variables, headers and the last response) in
 * the storage it is given, by default the browser's localStorage: answers about
 * real people, and the bearer token in the headers, would outlive the page on a
 * shared machine. This storage lives and dies with the page.
 */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  clear(): void {
    this.items.clear();
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}
