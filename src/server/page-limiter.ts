import type { IncomingMessage, ServerResponse } from "node:http";
import pLimit from "p-limit";

/** Serves one request (Next's request handler). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Wraps `handle` so that at most `concurrency` requests are in it at once, in arrival order, each until
 * its response is done. Page rendering is CPU-bound: past a few per core, more at once gains no
 * throughput, but every render in progress holds memory (measured in bench/README.md). A request whose
 * client went away while it waited is dropped without rendering.
 */
export function createPageLimiter(handle: RequestHandler, concurrency: number): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const limit = pLimit(concurrency);
  return (req, res) =>
    limit(
      () =>
        new Promise<void>((resolve) => {
          if (res.closed || req.destroyed) return resolve();
          res.once("close", () => resolve());
          handle(req, res).catch(() => resolve());
        }),
    );
}
