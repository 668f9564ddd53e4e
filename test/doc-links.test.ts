import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { repoPath } from "../platform/repo-root";
import { headingAnchors, headingSlug, linksOf, markdownFiles, resolveLink } from "./support/markdown";

/**
 * The documentation holds together: every relative link in every Markdown file
 * points to a file that exists, and every #anchor to a heading of its page, by
 * GitHub's rules. A page moved or a heading renamed fails here, not in a reader's
 * browser.
 */
const FILES = markdownFiles();
const TEXT = new Map(FILES.map((file) => [file, readFileSync(repoPath(file), "utf8")]));
const ANCHORS = new Map(FILES.map((file) => [file, headingAnchors(TEXT.get(file) ?? "")]));

describe("documentation links", () => {
  it("finds the pages it is meant to check", () => {
    expect(FILES).toEqual(
      expect.arrayContaining(["README.md", "CHANGELOG.md", "docs/design.md", "docs/adr/0006-layers.md", "bench/NOTES.md"]),
    );
  });

  it.each(FILES)("every relative link and anchor in %s resolves", (file) => {
    const broken = linksOf(TEXT.get(file) ?? "")
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .filter((target) => {
        const { file: linked, anchor } = resolveLink(file, target);
        if (!existsSync(repoPath(linked))) return true;
        if (anchor === "") return false;
        return !(ANCHORS.get(linked)?.has(anchor) ?? false);
      });
    expect(broken).toEqual([]);
  });

  it("the check would catch a missing file and a missing anchor", () => {
    const page = "See [a](docs/nowhere.md), [b](docs/design.md#no-such-heading) and [c](docs/design.md#1-what-it-is).";
    const unresolved = linksOf(page).filter((target) => {
      const { file, anchor } = resolveLink("README.md", target);
      return !existsSync(repoPath(file)) || (anchor !== "" && !(ANCHORS.get(file)?.has(anchor) ?? false));
    });
    expect(unresolved).toEqual(["docs/nowhere.md", "docs/design.md#no-such-heading"]);
  });

  it("slugs headings as GitHub does", () => {
    expect(headingSlug("Audit trail (Data Protection Act 2018 s.62)")).toBe("audit-trail-data-protection-act-2018-s62");
    expect(headingSlug("Exact GraphQL semantics (`gateway/operation/`, `gateway/authz/`)")).toBe(
      "exact-graphql-semantics-gatewayoperation-gatewayauthz",
    );
    expect(headingSlug("Statistics at 1,000,000 orders")).toBe("statistics-at-1000000-orders");
    expect([...headingAnchors("# A\n## A\n```\n# not a heading\n```\n")]).toEqual(["a", "a-1"]);
  });

  it("links inside code are not links", () => {
    expect(linksOf("`[x](nowhere.md)`\n```\n[y](nowhere.md)\n```\n[z](here.md)")).toEqual(["here.md"]);
  });
});

describe("the README", () => {
  it("stays a front page: at most 10 KB, the rest in docs/", () => {
    expect(statSync(repoPath("README.md")).size).toBeLessThanOrEqual(10240);
  });

  it("states the two commands", () => {
    const readme = TEXT.get("README.md") ?? "";
    expect(readme).toMatch(/^npm install$/m);
    expect(readme).toMatch(/^npm start\b/m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});

describe("headings say what, not which issue", () => {
  it.each(FILES)("no heading of %s cites an issue number", (file) => {
    const headings = [...(TEXT.get(file) ?? "").matchAll(/^#{1,6} .*$/gm)].map((match) => match[0]);
    expect(headings.filter((heading) => /\bissue\s*#?\d+|#\d+\b/i.test(heading))).toEqual([]);
  });
});

/** Source files of every layer and the tooling around them. */
function sourceFiles(dir: string): string[] {
  return readdirSync(repoPath(dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [relative] : [];
  });
}

describe("comments say what and why, not which issue", () => {
  const files = ["platform", "domain", "gateway", "subgraphs", "dev", "test", "bench", "scripts"].flatMap(sourceFiles);

  it("finds the sources", () => {
    expect(files).toEqual(expect.arrayContaining(["gateway/server.ts", "test/doc-links.test.ts"]));
  });

  it("no source file cites an issue by number", () => {
    // Built from parts so that this file does not match itself.
    const citing = new RegExp(["\\bissues?\\s*#?\\d+", "\\(" + "issue\\b"].join("|"), "i");
    expect(files.filter((file) => citing.test(readFileSync(repoPath(file), "utf8")))).toEqual([]);
  });
});
