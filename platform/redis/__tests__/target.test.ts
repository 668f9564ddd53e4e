import { Cluster, Redis } from "ioredis";
import { ConfigError } from "../../env";
import { openRedis } from "../client";
import { envPiece, readPiece } from "../../env-schema";
import { redisUrlVar } from "../../env-values";
import { parseRedisUrl, redact } from "../target";

describe("parseRedisUrl", () => {
  it("hands a plain redis:// or rediss:// URL to ioredis as it is", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6379/4")).toEqual({ kind: "standalone", url: "redis://127.0.0.1:6379/4" });
    expect(parseRedisUrl("rediss://user:secret@cache.internal:6380")).toEqual({
      kind: "standalone",
      url: "rediss://user:secret@cache.internal:6380",
    });
  });

  it("reads a Sentinel URL: the Sentinels, the primary's name, the database and the credentials", () => {
    expect(parseRedisUrl("redis+sentinel://app:s%40cret@s1:26379,s2:26380,s3/mymaster/2?sentinelPassword=watch")).toEqual({
      kind: "sentinel",
      sentinels: [
        { host: "s1", port: 26379 },
        { host: "s2", port: 26380 },
        { host: "s3", port: 26379 },
      ],
      name: "mymaster",
      db: 2,
      username: "app",
      password: "s@cret",
      sentinelPassword: "watch",
      tls: false,
    });
    expect(parseRedisUrl("rediss+sentinel://:only-password@[::1]:26379/primary")).toEqual({
      kind: "sentinel",
      sentinels: [{ host: "::1", port: 26379 }],
      name: "primary",
      db: 0,
      password: "only-password",
      tls: true,
    });
  });

  it("reads a Cluster URL: its seed nodes (6379 when no port is given) and the credentials", () => {
    expect(parseRedisUrl("redis+cluster://n1:7000,n2:7001,n3")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "n1", port: 7000 },
        { host: "n2", port: 7001 },
        { host: "n3", port: 6379 },
      ],
      tls: false,
    });
    expect(parseRedisUrl("rediss+cluster://app:pw@n1:7000/0")).toMatchObject({
      kind: "cluster",
      username: "app",
      password: "pw",
      tls: true,
    });
  });

  it.each([
    ["memcached://cache:11211", "must start with redis://"],
    ["127.0.0.1:6379", "must start with redis://"],
    ["redis+cluster://n1:7000/3", "only database 0"],
    ["redis+sentinel://s1:26379", "/<primary name>"],
    ["redis+sentinel://s1:26379/mymaster/x", "whole number"],
    ["redis+sentinel://s1:26379/mymaster/1/2", "/<primary name>"],
    ["redis+cluster://n1:99999", "host[:port]"],
    ["redis+cluster://n1:7000,,n2:7001", "host[:port]"],
    ["redis+cluster://", "host[:port]"],
    ["redis+cluster://n1:7000?sentinelPassword=x", 'unknown parameter "sentinelPassword"'],
    ["redis://exa mple:6379", "Not a valid Redis URL"],
  ])("refuses %s, saying why", (url, why) => {
    expect(() => parseRedisUrl(url)).toThrow(ConfigError);
    expect(() => parseRedisUrl(url)).toThrow(why);
  });

  it("never quotes a password in what it refuses", () => {
    for (const url of ["redis+cluster://app:hunter2@n1:7000/5", "redis+sentinel://s1/m/x?sentinelPassword=hunter2", "ftp://u:hunter2@h"]) {
      expect(() => parseRedisUrl(url)).toThrow(ConfigError);
      try {
        parseRedisUrl(url);
      } catch (error) {
        expect((error as Error).message).not.toContain("hunter2");
      }
    }
    expect(redact("redis://app:hunter2@h:6379/1")).toBe("redis://app:***@h:6379/1");
  });
});

describe("a Redis URL setting (redisUrlVar)", () => {
  const piece = envPiece({
    variables: { TEST_ONLY_REDIS_URL: redisUrlVar({ default: "unset", meaning: "a test's" }) },
    read: (values) => values.TEST_ONLY_REDIS_URL,
  });
  const read = (value: string | undefined) => readPiece(piece, value === undefined ? {} : { TEST_ONLY_REDIS_URL: value });

  it("names the variable of a URL it refuses, never its password, and passes a good one (or none) through", () => {
    expect(() => read("redis+cluster://n1:7000/2")).toThrow(/TEST_ONLY_REDIS_URL=.*only database 0/);
    expect(() => read("redis+cluster://app:secret@n1:7000/2")).toThrow(/^(?![\s\S]*secret)/);
    expect(read("redis+cluster://n1:7000")).toBe("redis+cluster://n1:7000");
    expect(read("redis+sentinel://s1:26379,s2:26379/mymaster")).toBe("redis+sentinel://s1:26379,s2:26379/mymaster");
    expect(read(undefined)).toBeUndefined();
  });
});

describe("openRedis", () => {
  it("opens a Cluster for redis+cluster://, with the caller's options on every node", () => {
    const client = openRedis("redis+cluster://app:pw@n1:7000,n2:7001", {
      lazyConnect: true,
      keyPrefix: "p:",
      enableOfflineQueue: false,
      commandTimeout: 250,
      maxRetriesPerRequest: 0,
    });
    try {
      expect(client).toBeInstanceOf(Cluster);
      const cluster = client as Cluster;
      expect(cluster.options).toMatchObject({ keyPrefix: "p:", enableOfflineQueue: false, lazyConnect: true });
      expect(cluster.options.redisOptions).toMatchObject({ username: "app", password: "pw", commandTimeout: 250, maxRetriesPerRequest: 0 });
    } finally {
      client.disconnect();
    }
  });

  it("opens a Sentinel-managed connection for redis+sentinel://, asking for the primary", () => {
    const client = openRedis("redis+sentinel://s1:26379,s2:26379/mymaster/3", { lazyConnect: true, maxRetriesPerRequest: null });
    try {
      expect(client).toBeInstanceOf(Redis);
      expect((client as Redis).options).toMatchObject({
        sentinels: [
          { host: "s1", port: 26379 },
          { host: "s2", port: 26379 },
        ],
        name: "mymaster",
        db: 3,
        role: "master",
        failoverDetector: true,
        maxRetriesPerRequest: null,
      });
    } finally {
      client.disconnect();
    }
  });

  it("opens a plain connection for redis://, reading host, port and database from the URL", () => {
    const client = openRedis("redis://127.0.0.1:6390/5", { lazyConnect: true });
    try {
      expect(client).toBeInstanceOf(Redis);
      expect((client as Redis).options).toMatchObject({ host: "127.0.0.1", port: 6390, db: 5 });
    } finally {
      client.disconnect();
    }
  });
});
