import { STATUS_CODES, type IncomingHttpHeaders } from "node:http";

/**
 * A subgraph's answer, already read in full, shaped as much like a fetch
 * Response as RemoteGraphQLDataSource uses: ok, status, statusText, url,
 * headers.get, json() and text(). It replaces a WHATWG Response, whose
 * streams cost more CPU per call than the rest of the exchange (measured in
 * bench/NOTES.md).
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };

  constructor(
    readonly url: string,
    readonly status: number,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? "";
    const get = (name: string) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    };
    this.headers = { get, has: (name) => get(name) !== null };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}
