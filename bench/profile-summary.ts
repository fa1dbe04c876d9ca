/**
 * Prints where a V8 CPU profile (`npm run bench -- --profile`) spent its time: by package and by
 * function (self time, idle excluded from the percentages).
 * Usage: npm run -s bench:profile -- bench/results/profiles/<file>.cpuprofile [rows]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error("Usage: npm run -s bench:profile -- <file.cpuprofile> [rows]");
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

/** Where code comes from: an npm package, Node itself, the Next build, or a file of ours. */
function origin(url: string): string {
  if (!url) return "(V8: GC, native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "(Node.js)";
  if (url.includes("/.next/")) return "(Next build of src/)";
  return url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
}

const byOrigin = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const frame = nodes.get(id)!.callFrame;
  const micros = profile.timeDeltas[i] ?? 0;
  if (frame.functionName === "(idle)") return;
  busy += micros;
  byOrigin.set(origin(frame.url), (byOrigin.get(origin(frame.url)) ?? 0) + micros);
  const name = `${frame.functionName || "(anonymous)"}  ${origin(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
});

const print = (title: string, totals: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * micros) / busy).toFixed(1).padStart(6)} %  ${name}`);
  }
};
console.log(`${(busy / 1e6).toFixed(1)} s of CPU (idle excluded)`);
print("By origin (self time)", byOrigin);
print("By function (self time)", byFunction);
