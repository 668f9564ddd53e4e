import { ConfigError } from "../env";

export interface RedisNode {
  host: string;
  port: number;
}

interface Credentials {
  username?: string;
  password?: string;
  tls: boolean;
}

/** Where a Redis is, as a configured URL says: one server, a Sentinel-watched primary, or a Cluster. */
export type RedisTarget =
  /** redis:// or rediss://, handed to ioredis as it is (it reads the host, port, credentials and database). */
  | { kind: "standalone"; url: string }
  | (Credentials & {
      kind: "sentinel";
      sentinels: RedisNode[];
      /** The primary's name as the Sentinels know it (`sentinel monitor <name> …`). */
      name: string;
      db: number;
      /** When the Sentinels themselves require AUTH (`requirepass` in sentinel.conf). */
      sentinelPassword?: string;
    })
  | (Credentials & { kind: "cluster"; nodes: RedisNode[] });

const SCHEMES: Record<string, { kind: RedisTarget["kind"]; tls: boolean }> = {
  "redis:": { kind: "standalone", tls: false },
  "rediss:": { kind: "standalone", tls: true },
  "redis+sentinel:": { kind: "sentinel", tls: false },
  "rediss+sentinel:": { kind: "sentinel", tls: true },
  "redis+cluster:": { kind: "cluster", tls: false },
  "rediss+cluster:": { kind: "cluster", tls: true },
};

/**
 * Reads a Redis URL:
 *
 *   redis://[user:password@]host:port[/db]                      one server (rediss:// for TLS)
 *   redis+sentinel://[user:password@]h1:26379,h2:26379/name[/db] a primary found through Sentinel
 *   redis+cluster://[user:password@]h1:7000,h2:7001             a Cluster (any of its nodes; db 0 only)
 *
 * (rediss+sentinel://, rediss+cluster:// for TLS to the data nodes and Sentinels). The user and password are
 * the data nodes'; a Sentinel's own password goes in `?sentinelPassword=`. Throws a ConfigError that never
 * quotes the password.
 */
export function parseRedisUrl(url: string): RedisTarget {
  const schemeEnd = url.indexOf("//");
  const scheme = schemeEnd > 0 ? url.slice(0, schemeEnd).toLowerCase() : "";
  const known = SCHEMES[scheme];
  if (!known) {
    throw new ConfigError(
      `A Redis URL must start with redis://, rediss://, redis+sentinel://, rediss+sentinel://, redis+cluster:// or rediss+cluster://; got "${redact(url)}"`,
    );
  }
  if (known.kind === "standalone") {
    // ioredis reads the rest; what it cannot read it would silently replace with localhost:6379.
    try {
      new URL(url);
    } catch {
      throw new ConfigError(`Not a valid Redis URL: "${redact(url)}"`);
    }
    return { kind: "standalone", url };
  }
  const rest = url.slice(schemeEnd + 2);
  const queryStart = rest.indexOf("?");
  const beforeQuery = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? "" : rest.slice(queryStart + 1));
  const at = beforeQuery.lastIndexOf("@");
  const userInfo = at < 0 ? undefined : beforeQuery.slice(0, at);
  const afterUser = beforeQuery.slice(at + 1);
  const slash = afterUser.indexOf("/");
  const hostList = slash < 0 ? afterUser : afterUser.slice(0, slash);
  const path = (slash < 0 ? "" : afterUser.slice(slash + 1)).split("/").filter((part) => part !== "");
  const nodes = hostList.split(",").map((entry) => parseNode(entry.trim(), known.kind === "sentinel" ? 26379 : 6379, url));
  if (nodes.length === 0 || hostList.trim() === "") throw new ConfigError(`A Redis URL names no host: "${redact(url)}"`);
  const credentials: Credentials = { tls: known.tls, ...parseUserInfo(userInfo) };
  for (const name of query.keys()) {
    if (known.kind !== "sentinel" || name !== "sentinelPassword") {
      throw new ConfigError(`A Redis URL has an unknown parameter "${name}": "${redact(url)}"`);
    }
  }
  if (known.kind === "cluster") {
    // A Cluster has database 0 only; a database in the URL would be silently ignored.
    if (path.length > 1 || (path.length === 1 && path[0] !== "0")) {
      throw new ConfigError(`A Redis Cluster has only database 0; the URL names "/${path.join("/")}": "${redact(url)}"`);
    }
    return { kind: "cluster", nodes, ...credentials };
  }
  const [name, dbText, ...extra] = path;
  if (!name || extra.length > 0) {
    throw new ConfigError(
      `A Sentinel URL ends in /<primary name>[/<db>], e.g. redis+sentinel://h1:26379,h2:26379/mymaster: "${redact(url)}"`,
    );
  }
  const db = dbText === undefined ? 0 : Number(dbText);
  if (!/^\d+$/.test(dbText ?? "0")) throw new ConfigError(`A Sentinel URL's database must be a whole number: "${redact(url)}"`);
  const sentinelPassword = query.get("sentinelPassword") ?? undefined;
  return {
    kind: "sentinel",
    sentinels: nodes,
    name: decodeURIComponent(name),
    db,
    ...credentials,
    ...(sentinelPassword ? { sentinelPassword } : {}),
  };
}

/** The URL as it may be written in a message: any password replaced by "***". */
export function redact(url: string): string {
  return url.replace(/(\/\/[^/@?]*?:)[^/@?]*@/, "$1***@").replace(/(sentinelPassword=)[^&]*/, "$1***");
}

function parseNode(entry: string, defaultPort: number, url: string): RedisNode {
  // [::1]:7000 for IPv6, host:7000 otherwise.
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/.exec(entry);
  const port = Number(match?.[2] ?? defaultPort);
  if (!match || port < 1 || port > 65_535)
    throw new ConfigError(`A Redis URL has a host that is not host[:port] ("${entry}"): "${redact(url)}"`);
  return { host: match[1].replace(/^\[(.*)\]$/, "$1"), port };
}

function parseUserInfo(userInfo: string | undefined): { username?: string; password?: string } {
  if (userInfo === undefined || userInfo === "") return {};
  const colon = userInfo.indexOf(":");
  const username = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(userInfo.slice(colon + 1));
  // redis://:password@… is the password alone (Redis before ACLs).
  return { ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}
