import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

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
