import { readdirSync } from "node:fs";
import path from "node:path";
import { repoPath } from "../../platform/repo-root";

const NOT_THE_PROJECTS = new Set(["node_modules", "dist", ".data", ".git", "coverage"]);

/** Every Markdown file of the repository (README, CHANGELOG, docs/, bench/, ...), as repository-relative paths. */
export function markdownFiles(dir = ""): string[] {
  return readdirSync(repoPath(dir), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) return NOT_THE_PROJECTS.has(entry.name) ? [] : markdownFiles(relative);
      return entry.name.endsWith(".md") ? [relative] : [];
    })
    .sort();
}

/** A page's text without fenced code blocks, inline code and HTML comments: what is left can hold links. */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/(`+)[\s\S]*?\1/g, "");
}

/** GitHub's anchor for a heading: lower case, punctuation but '-' and '_' dropped, spaces to '-'. */
export function headingSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a page's headings give, duplicates numbered as GitHub does (-1, -2, ...). */
export function headingAnchors(markdown: string): Set<string> {
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = headingSlug(match[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The inline links of a page's prose: [text](target), the target without a title. */
export function linksOf(markdown: string): string[] {
  return [...proseOf(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]);
}

export function resolveLink(fromFile: string, target: string): { file: string; anchor: string } {
  const [linkPath, anchor = ""] = target.split("#", 2);
  const file = linkPath === "" ? fromFile : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), decodeURI(linkPath)));
  return { file, anchor };
}
