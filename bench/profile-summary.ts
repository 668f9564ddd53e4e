import { readFileSync } from "node:fs";

/**
 * Where a --cpu-prof profile's self time went, by package (node_modules/<name>,
 * our own sources, node internals, GC) and by function: the evidence behind
 * bench/NOTES.md.
 *   node dist/bench/profile-summary.js bench/results/profiles/<file>.cpuprofile [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function packageOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "(gc)";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (modules) return modules[modules.length - 1].replace("node_modules/", "");
  if (url.startsWith("node:") || url === "") return "(node internals)";
  const ours = url.match(/dist\/([^/]+\/[^/]+)/);
  return ours ? `ours: ${ours[1]}` : url;
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === "(idle)") continue;
    busy += micros;
    const pkg = packageOf(callFrame.url, callFrame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const where = pkg.startsWith("ours") ? (callFrame.url.match(/dist\/(.*)$/)?.[1] ?? pkg) : pkg;
    const name = `${callFrame.functionName || "(anonymous)"} ${where}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  const show = (title: string, entries: Map<string, number>) => {
    console.log(`\n${title} (share of non-idle self time, ${(busy / 1e6).toFixed(1)} s)`);
    for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  show("by package", byPackage);
  show("by function", byFunction);
}

main();
