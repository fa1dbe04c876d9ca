import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Newest modification time (ms) of anything under `paths` (files or folders). */
function newestChange(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestChange(readdirSync(path).map((name) => join(path, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** Runs `npm run build` unless `.next` holds a production build newer than every source it comes from. */
export function ensureBuild(): void {
  const built = statSync(".next/BUILD_ID", { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["src", "db", "public", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
  if (built > newestChange(sources)) return;
  console.log("Building (npm run build)…");
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}

/** The bare page's folder: an App Router app of its own, built and served by the benchmark (see its app/page.jsx). */
export const BARE_PAGE_DIR = "bench/bare-page";

/** Builds the bare page with the app's own Next (in its folder, as `next build` there), unless its build is newer than it and the lockfile. */
export function ensureBarePageBuild(): void {
  const built = statSync(`${BARE_PAGE_DIR}/.next/BUILD_ID`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["app", "proxy.js", "instrumentation.js"].map((name) => join(BARE_PAGE_DIR, name));
  if (built > newestChange([...sources, "package-lock.json"])) return;
  console.log(`Building the bare page (next build in ${BARE_PAGE_DIR})…`);
  execFileSync(process.execPath, [resolve("node_modules/next/dist/bin/next"), "build"], {
    cwd: BARE_PAGE_DIR,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
