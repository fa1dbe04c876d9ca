import { request, type ClientRequest, type IncomingMessage } from "node:http";
import { median } from "./report";

/** One open `sync.changes` stream, read as raw bytes (the benchmark looks for a marker, nothing more). */
interface Stream {
  /** Resolves once the server has sent its first bytes (tRPC's `connected` event). */
  opened: Promise<void>;
  /** Called with each chunk's text (and the tail of the one before, so a marker split over two is seen). */
  onText: ((text: string) => void) | null;
  close: () => void;
}

/** Opens `sync.changes` as httpSubscriptionLink does (GET, an event stream, the token in a header). */
export function openStream(baseUrl: string, token: string): Stream {
  const url = new URL(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, baseUrl);
  let req: ClientRequest | undefined;
  let res: IncomingMessage | undefined;
  const stream: Stream = {
    onText: null,
    opened: new Promise<void>((resolve, reject) => {
      req = request(url, { headers: { accept: "text/event-stream", authorization: `Bearer ${token}` } }, (response) => {
        res = response;
        if (response.statusCode !== 200) {
          reject(new Error(`sync.changes answered ${response.statusCode}`));
          response.resume();
          return;
        }
        response.setEncoding("utf8");
        let tail = "";
        response.once("data", () => resolve());
        response.on("data", (chunk: string) => {
          stream.onText?.(tail + chunk);
          tail = chunk.slice(-64);
        });
        response.on("error", () => {});
      });
      req.on("error", reject);
      req.end();
    }),
    close: () => {
      res?.destroy();
      req?.destroy();
    },
  };
  return stream;
}

/** Opens `perUser` streams for each token and waits until every one has been answered. */
export async function openStreams(baseUrl: string, tokens: string[], perUser: number): Promise<Stream[][]> {
  const streams = tokens.map((token) => Array.from({ length: perUser }, () => openStream(baseUrl, token)));
  await Promise.all(streams.flat().map((stream) => stream.opened));
  return streams;
}

/** Closes every stream and gives the server a moment to notice (its slots free on the socket's close). */
export async function closeStreams(streams: Stream[][]): Promise<void> {
  for (const stream of streams.flat()) stream.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** Delivery latency at one number of open streams. */
export interface SyncLatency {
  streams: number;
  users: number;
  /** Milliseconds from the task.create response to the event at each subscriber (0 when it came first). */
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * Creates `creates` tasks one after another, each for the next user in turn, and times how long after the
 * writer's response each of that user's streams receives the event (found by the task's unique title).
 * Waits for every subscriber before the next create, so this measures delivery, not a queue.
 */
export async function measureDelivery(baseUrl: string, tokens: string[], streams: Stream[][], creates: number): Promise<SyncLatency> {
  const samples: number[] = [];
  for (let i = 0; i < creates; i++) {
    const user = i % tokens.length;
    const marker = `sync-bench-${i}-${Math.random().toString(36).slice(2, 10)}`;
    let responded = 0;
    const seen = streams[user]!.map(
      (stream) =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`An event took over 10 s to arrive (${marker})`)), 10_000);
          stream.onText = (text) => {
            if (!text.includes(marker)) return;
            clearTimeout(timer);
            stream.onText = null;
            resolve(performance.now());
          };
        }),
    );
    const response = await fetch(`${baseUrl}/api/trpc/task.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[user]}`, "content-type": "application/json" },
      body: JSON.stringify({ json: { title: marker } }),
    });
    if (!response.ok) throw new Error(`task.create answered ${response.status}`);
    await response.arrayBuffer();
    responded = performance.now();
    for (const at of await Promise.all(seen)) samples.push(Math.max(0, at - responded));
  }
  const sorted = samples.toSorted((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    streams: streams.flat().length,
    users: streams.filter((perUser) => perUser.length > 0).length,
    p50: round(median(sorted)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    samples: sorted.length,
  };
}
