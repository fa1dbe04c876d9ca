/**
 * `npm run build:client [-- --out DIR]`: emits the TypeScript client as a package another project can
 * depend on (default `dist/client`): `index.js` + one bundled `index.d.ts` (the client, the remote
 * token verifier, `AppRouter`, `RouterInputs`, `RouterOutputs`), the `tasks` CLI as `cli.js`, and a
 * package.json listing exactly the packages the output imports. No server code runs in it: the bundle
 * holds src/client and src/shared only (the token checks, the input schemas), and is refused if it
 * would hold a module of src/server or the browser's layer, or import a server-only package.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateDtsBundle } from "dts-bundle-generator";
import { build } from "esbuild";

/** Packages only the server may import; finding one in the client's output is a build error. */
const SERVER_ONLY = ["better-sqlite3", "better-auth", "kysely", "next", "react", "server-only", "@next/env"];
/** Packages the declarations mention for types only (the router's context names the database type). */
const TYPE_ONLY = ["kysely"];

const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** Builds the client package into `outDir`; resolves the package.json it wrote. */
export async function buildClient(outDir: string) {
  const root = process.cwd();
  const rootPackage = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    version: string;
    engines: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const { metafile } = await build({
    entryPoints: { index: "src/client/index.ts", cli: "src/client/cli/main.ts" },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    metafile: true,
    logLevel: "warning",
  });
  const imported = new Set(
    Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((i) => i.external && !i.path.startsWith("node:")).map((i) => packageName(i.path)),
    ),
  );
  // The arrows of shared/ARCHITECTURE.md, on what was really bundled: the client's own code and src/shared only.
  const foreign = Object.keys(metafile.inputs).filter((file) => /^src\/(server|lib|components|app)\//.test(file));
  if (foreign.length > 0) throw new Error(`The client bundle holds code of another layer (move it to src/shared): ${foreign.join(", ")}`);
  const leaked = [...imported].filter((name) => SERVER_ONLY.includes(name));
  if (leaked.length > 0) throw new Error(`The client bundle imports server-only packages: ${leaked.join(", ")}`);

  const [declarations] = generateDtsBundle([{ filePath: "src/client/index.ts", output: { noBanner: true } }], {
    preferredConfigPath: join(root, "tsconfig.json"),
  });
  await writeFile(join(outDir, "index.d.ts"), declarations!);
  const typeImports = [...declarations!.matchAll(/from ["']([^"'.][^"']*)["']/g)].map((m) => packageName(m[1]!));
  const unexpected = typeImports.filter((name) => SERVER_ONLY.includes(name) && !TYPE_ONLY.includes(name));
  if (unexpected.length > 0) throw new Error(`The client declarations mention server-only packages: ${unexpected.join(", ")}`);

  const versionOf = (name: string) => rootPackage.dependencies[name] ?? rootPackage.devDependencies[name];
  const dependencies = Object.fromEntries([...new Set([...imported, ...typeImports])].sort().map((name) => [name, versionOf(name)]));
  const manifest = {
    name: "@taskmanager/client",
    version: rootPackage.version,
    description: "Typed client, CLI (tasks) and token verifier for the task manager's API",
    type: "module",
    engines: rootPackage.engines,
    exports: { ".": { types: "./index.d.ts", default: "./index.js" } },
    types: "./index.d.ts",
    bin: { tasks: "./cli.js" },
    dependencies,
  };
  await writeFile(join(outDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return Object.assign(manifest, { bundled: Object.keys(metafile.inputs).filter((file) => file.startsWith("src/")).sort() });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string", default: "dist/client" } } });
  const outDir = resolve(values.out!);
  const manifest = await buildClient(outDir);
  console.log(`Built ${manifest.name}@${manifest.version} in ${outDir} (depends on ${Object.keys(manifest.dependencies).join(", ")})`);
}
