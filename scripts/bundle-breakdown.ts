/**
 * `npm run bundle:breakdown [-- --route /sign-in] [-- --no-analyze]`: what a page's JavaScript is made
 * of, by package, from Turbopack's own module graph (`next analyze --output`, then `next analyze export`):
 * the first load (the bootstrap and what the page renders with) and what loads on use (dynamic imports).
 * Sizes are each module's own, minified and gzipped alone, so they add up to more than the chunks as
 * sent (bench/lib/first-load.ts measures those); the shares are what to compare.
 */
import { execFileSync } from "node:child_process";

type Row = { type: string; kind?: string; outputs?: string[]; filename?: string; source_path?: string; size?: number; compressed_size?: number };

const args = process.argv.slice(2);
const route = args.includes("--route") ? args[args.indexOf("--route") + 1]! : "/";
const next = ["node_modules/next/dist/bin/next"];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!args.includes("--no-analyze")) execFileSync(process.execPath, [...next, "analyze", "--output"], { stdio: ["ignore", "ignore", "inherit"], env });
const graph = execFileSync(process.execPath, [...next, "analyze", "export", "--route", route], { env, maxBuffer: 512 * 1024 * 1024 }).toString();
const rows = graph
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Row);

const isScript = (file: string) => file.includes("/_next/static/") && file.endsWith(".js");
const firstLoad = new Set<string>();
const onUse = new Set<string>();
for (const group of rows.filter((row) => row.type === "group")) {
  for (const output of (group.outputs ?? []).filter(isScript)) (group.kind === "async" ? onUse : firstLoad).add(output);
}
for (const output of firstLoad) onUse.delete(output);

/** `next`, `@tanstack/query-core`, or `app: src/components` for the app's own code. */
const ownerOf = (path: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  const app = /^\[project\]\/(src\/[^/]+)/.exec(path);
  return app ? `app: ${app[1]}` : path.replace(/^\[([^\]]+)\].*/, "$1 runtime");
};

const tally = (files: Set<string>) => {
  const owners = new Map<string, { gzip: number; raw: number }>();
  for (const part of rows.filter((row) => row.type === "part" && files.has(row.filename!))) {
    const owner = owners.get(ownerOf(part.source_path!)) ?? { gzip: 0, raw: 0 };
    owner.gzip += part.compressed_size ?? 0;
    owner.raw += part.size ?? 0;
    owners.set(ownerOf(part.source_path!), owner);
  }
  return [...owners].toSorted((a, b) => b[1].gzip - a[1].gzip);
};

const kB = (bytes: number) => (bytes / 1000).toFixed(1).padStart(7);
for (const [title, files] of [[`First load of ${route}`, firstLoad], ["Loaded on use", onUse]] as const) {
  const owners = tally(files);
  const total = owners.reduce((sum, [, size]) => sum + size.gzip, 0);
  const app = owners.filter(([owner]) => !owner.startsWith("next") && !owner.includes("runtime")).reduce((sum, [, size]) => sum + size.gzip, 0);
  console.log(`\n${title}: ${kB(total).trim()} kB gzip (module by module), ${kB(app).trim()} kB of it not Next/React (${files.size} chunks)`);
  console.log(`${"gzip kB".padStart(7)} ${"raw kB".padStart(7)}  package`);
  for (const [owner, size] of owners) console.log(`${kB(size.gzip)} ${kB(size.raw)}  ${owner}`);
}
