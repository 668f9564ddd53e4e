import { existsSync, readdirSync, readFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";

/** One file of a built page, read once at start. */
export interface StaticFile {
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/**
 * Every file of a built folder (no subfolders) by the path it is served at,
 * `<prefix>/<name>`, read into memory once. Served from a fixed list, never
 * by joining a request's path onto the folder, so no request can name a file
 * outside it; a file of a type not listed is not served at all.
 */
export function readStaticFiles(dir: string, prefix: string): ReadonlyMap<string, StaticFile> | undefined {
  if (!existsSync(path.join(dir, "index.html"))) return undefined;
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const contentType = CONTENT_TYPES[path.extname(entry.name)];
    if (!entry.isFile() || contentType === undefined) continue;
    files.set(`${prefix}/${entry.name}`, { contentType, body: readFileSync(path.join(dir, entry.name)) });
  }
  return files;
}

/** A file of a built page, with the page's content security policy; GET and HEAD only. */
export function sendStaticFile(request: http.IncomingMessage, response: http.ServerResponse, file: StaticFile, csp: string): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    response.end("Method not allowed");
    return;
  }
  response.writeHead(200, {
    "content-type": file.contentType,
    "content-length": file.body.length,
    "content-security-policy": csp,
  });
  response.end(request.method === "HEAD" ? undefined : file.body);
}
