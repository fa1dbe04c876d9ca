import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPageLimiter, type RequestHandler } from "@/server/page-limiter";

/** A server whose handler answers each request when the test says so, through the limiter. */
async function startServer(concurrency: number) {
  const started: string[] = [];
  const waiting = new Map<string, () => void>();
  const handle: RequestHandler = async (req, res) => {
    started.push(req.url!);
    await new Promise<void>((resolve) => waiting.set(req.url!, resolve));
    res.end(`done ${req.url}`);
  };
  const limited = createPageLimiter(handle, concurrency);
  const server = createServer((req, res) => void limited(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, started, finish: (path: string) => waiting.get(path)!() };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe("page limiter (PAGE_RENDER_CONCURRENCY)", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it("renders at most `concurrency` pages at once, the next ones in arrival order", async () => {
    const app = await startServer(2);
    server = app.server;
    const responses = ["/a", "/b", "/c", "/d"].map((path) => fetch(`http://127.0.0.1:${app.port}${path}`).then((res) => res.text()));
    await until(() => app.started.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.started).toEqual(["/a", "/b"]);

    app.finish("/b");
    expect(await responses[1]).toBe("done /b");
    await until(() => app.started.length === 3);
    expect(app.started).toEqual(["/a", "/b", "/c"]);
    app.finish("/a");
    app.finish("/c");
    await until(() => app.started.length === 4);
    app.finish("/d");
    expect(await Promise.all(responses)).toEqual(["done /a", "done /b", "done /c", "done /d"]);
  });

  it("does not render for a client that left while it waited", async () => {
    const app = await startServer(1);
    server = app.server;
    const first = fetch(`http://127.0.0.1:${app.port}/first`).then((res) => res.text());
    await until(() => app.started.length === 1);
    // A client that gives up while queued behind /first.
    const gone = request(`http://127.0.0.1:${app.port}/gone`);
    gone.on("error", () => {});
    gone.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gone.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = fetch(`http://127.0.0.1:${app.port}/third`).then((res) => res.text());

    app.finish("/first");
    expect(await first).toBe("done /first");
    await until(() => app.started.length === 2);
    expect(app.started).toEqual(["/first", "/third"]);
    app.finish("/third");
    expect(await third).toBe("done /third");
  });
});
