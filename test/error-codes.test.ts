import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { ErrorCode, RAISED_BY_APOLLO_SERVER } from "../platform/errors/errors";
import { repoPath } from "../platform/repo-root";

/**
 * The codes clients can get are one list (ErrorCode), docs/errors.md's table says
 * exactly that list, and every code on it is raised: by Apollo Server itself,
 * or by an error of the errors module that production code uses.
 */
const ERRORS_MODULE = "platform/errors/errors.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(repoPath(dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__tests__" || entry.name === "node_modules" ? [] : sourceFiles(relative);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [relative] : [];
  });
}

/** What runs in production: the layers below dev/, test/ and bench/. */
const SOURCES = new Map(
  ["platform", "domain", "gateway", "subgraphs"].flatMap(sourceFiles).map((file) => [file, readFileSync(repoPath(file), "utf8")]),
);
const OTHER_SOURCES = [...SOURCES].filter(([file]) => file !== ERRORS_MODULE);
const ERRORS_SOURCE = SOURCES.get(ERRORS_MODULE) ?? "";

/** The codes in the first column of docs/errors.md's table of errors that reach clients. */
function documentedCodes(): string[] {
  const page = readFileSync(repoPath("docs", "errors.md"), "utf8");
  return [...new Set([...page.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]))];
}

describe("error codes", () => {
  const codes: string[] = Object.values(ErrorCode);

  it("docs/errors.md's table of errors that reach clients lists exactly ErrorCode", () => {
    expect(documentedCodes().sort()).toEqual([...codes].sort());
  });

  it("the codes Apollo Server raises are Apollo Server's", () => {
    for (const code of RAISED_BY_APOLLO_SERVER) expect(Object.values(ApolloServerErrorCode)).toContain(code);
  });

  it.each(codes.filter((code) => !RAISED_BY_APOLLO_SERVER.has(code as ErrorCode)))("%s is raised by our code", (code) => {
    const raising = new RegExp(`code: ErrorCode\\.${code}\\b`);
    expect([...SOURCES].filter(([, text]) => raising.test(text)).map(([file]) => file)).not.toEqual([]);
  });

  it("every error the errors module exports is used by production code, so none raises a code for nothing", () => {
    const exported = [...ERRORS_SOURCE.matchAll(/^export (?:class|function) (\w+)/gm)].map((match) => match[1]);
    expect(exported.length).toBeGreaterThan(0);
    // A class the module's own factories construct (ForbiddenError) is used through them.
    const used = (name: string) =>
      OTHER_SOURCES.some(([, text]) => new RegExp(`\\b${name}\\b`).test(text)) || ERRORS_SOURCE.includes(`new ${name}(`);
    expect(exported.filter((name) => !used(name))).toEqual([]);
  });

  it("no code outside the errors module writes a code of its own", () => {
    const literal = /\bcode: ["'][A-Z_]+["']/;
    expect(OTHER_SOURCES.filter(([, text]) => literal.test(text)).map(([file]) => file)).toEqual([]);
  });
});
