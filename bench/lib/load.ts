import autocannon from "autocannon";

/** One HTTP request a load scenario sends (autocannon cycles through them on every connection). */
export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Figures from one load run. */
export interface LoadResult {
  requestsPerSecond: number;
  /** Latency percentiles, in milliseconds. */
  p50: number;
  p99: number;
  /** Responses whose status was not the expected one, plus connection errors and timeouts. */
  failures: number;
}

/** How hard and how long to push. */
export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** The status every response must have (default 200); any other counts as a failure. */
  expectStatus?: number;
}

/** Runs autocannon against `baseUrl` with `requests` (in a cycle) and reports throughput and latency. */
export async function runLoad(baseUrl: string, requests: LoadRequest[], options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: requests.map((request) => ({ method: request.method ?? "GET", ...request })),
  });
  const expected = String(options.expectStatus ?? 200) as `${number}`;
  const byStatus = Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => ({ status, count: stats.count ?? 0 }));
  const good = byStatus.find((entry) => entry.status === expected)?.count ?? 0;
  const bad = byStatus.reduce((sum, entry) => sum + (entry.status === expected ? 0 : entry.count), 0);
  return {
    requestsPerSecond: good / options.durationSeconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts timeouts among errors.
    failures: bad + result.errors,
  };
}

/**
 * Waits until `baseUrl` answers `/api/health` promptly again: a run's last requests may still be queued
 * in the server (slow queries, a full pool) after the load generator stopped, and must not be counted
 * against the next scenario.
 */
export async function settle(baseUrl: string, { promptMs = 50, timeoutMs = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let prompt = 0;
  while (prompt < 2 && Date.now() < deadline) {
    const start = performance.now();
    await fetch(`${baseUrl}/api/health`).then((response) => response.arrayBuffer());
    prompt = performance.now() - start < promptMs ? prompt + 1 : 0;
    if (prompt < 2) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
