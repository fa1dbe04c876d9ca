import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

/** What a browser does to open a page for the first time. */
export interface FirstLoad {
  /** JavaScript downloaded, as sent (compressed) and as run. */
  scriptBytes: { transferred: number; decoded: number; files: number; encodings: string[] };
  /** Each script of the first load: path and compressed size. */
  scripts: { path: string; transferred: number }[];
  /** Scripts fetched after the first load while the page settled (live sync, idle prefetches), compressed: not counted above. */
  laterScripts: { path: string; transferred: number }[];
  /** Of `transferred`, what every page of the app loads too (set by the caller, which knows the other page). */
  sharedScriptBytes?: number;
  /** Of `transferred`, the framework's: the scripts Next loads for every page before any of its own ({@link frameworkScripts}). */
  frameworkScriptBytes?: number;
  /**
   * What a bare page on the same Next and React loads (bench/bare-page, compressed): the framework's whole
   * share of a first load, its router's client components included, which the app's build puts in chunks
   * shared with the app's own code. Set by the caller.
   */
  barePageScriptBytes?: number;
  /** tRPC requests the page made on its own after it was served (data it did not come with). */
  trpcRequests: string[];
  /** The document's HTML (its rows, the inline RSC payload with the page's data), uncompressed and gzipped. */
  documentBytes: { decoded: number; gzip: number };
}

/**
 * Opens `url` in Chromium (CHROMIUM_PATH or /usr/bin/chromium) with an empty cache (and a session
 * cookie, if given), and waits until the network has been idle for a second after hydration. The first
 * load is what the document asks for: every script its HTML names (script tags, preloads, and the chunks
 * its inline RSC payload lists for hydration), as Next's own "First Load JS" counts it; a script fetched
 * later by the page's code (a dynamic import: live sync, a prefetch at idle) is reported apart.
 */
export async function measureFirstLoad(
  url: string,
  cookie: { name: string; value: string } | null,
  /** What shows once the page is hydrated: by default the task page's new-task input or a form's submit button, enabled only then. */
  hydrated = 'input[aria-label="New task"]:not([disabled]), form button[type="submit"]:not([disabled])',
): Promise<FirstLoad> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext();
    if (cookie) await context.addCookies([{ ...cookie, url }]);
    const page = await context.newPage();
    const scripts: Promise<{ path: string; transferred: number; decoded: number; encoding: string }>[] = [];
    const trpcRequests: string[] = [];
    page.on("request", (request) => {
      // The live-sync stream (sync.changes) opens after load and fetches no data.
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/api/trpc") && pathname !== "/api/trpc/sync.changes") trpcRequests.push(request.url());
    });
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.push(
        (async () => ({
          path: new URL(response.url()).pathname,
          transferred: (await response.request().sizes()).responseBodySize,
          decoded: (await response.body()).length,
          encoding: (await response.headerValue("content-encoding")) ?? "identity",
        }))(),
      );
    });
    let documentText = "";
    page.on("response", (response) => {
      if (response.request().isNavigationRequest() && response.request().frame() === page.mainFrame()) {
        void response.text().then((text) => (documentText = text), () => undefined);
      }
    });
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (!response?.ok() || new URL(page.url()).pathname !== new URL(url).pathname) {
      throw new Error(`Opening ${url} ended at ${page.url()} (${response?.status()}): is the session cookie valid?`);
    }
    await page.waitForSelector(hydrated);
    await page.waitForTimeout(1_000);
    const all = await Promise.all(scripts);
    if (!documentText) throw new Error(`Opening ${url}: the document's HTML could not be read`);
    const named = (path: string) => documentText.includes(path.slice(path.lastIndexOf("/") + 1));
    const sizes = all.filter((script) => named(script.path));
    const later = all.filter((script) => !named(script.path));
    return {
      scriptBytes: {
        transferred: sizes.reduce((sum, size) => sum + size.transferred, 0),
        decoded: sizes.reduce((sum, size) => sum + size.decoded, 0),
        files: sizes.length,
        encodings: [...new Set(sizes.map((size) => size.encoding))],
      },
      scripts: sizes.map(({ path, transferred }) => ({ path, transferred })).toSorted((a, b) => b.transferred - a.transferred),
      laterScripts: later.map(({ path, transferred }) => ({ path, transferred })).toSorted((a, b) => b.transferred - a.transferred),
      trpcRequests,
      documentBytes: { decoded: Buffer.byteLength(documentText), gzip: gzipSync(documentText).byteLength },
    };
  } finally {
    await browser.close();
  }
}

/**
 * The framework's scripts in the build in `.next`: the build manifest's `rootMainFiles`, which every
 * App Router page loads before any code of its own (Turbopack's runtime, Next's client, React DOM), as
 * `/_next/…` paths. A bare page loads these and its own chunk only.
 */
export function frameworkScripts(distDir = ".next"): Set<string> {
  const manifest = JSON.parse(readFileSync(`${distDir}/build-manifest.json`, "utf8")) as { rootMainFiles?: string[] };
  if (!manifest.rootMainFiles?.length) throw new Error(`${distDir}/build-manifest.json lists no rootMainFiles: is it a production build?`);
  return new Set(manifest.rootMainFiles.map((file) => `/_next/${file}`));
}
