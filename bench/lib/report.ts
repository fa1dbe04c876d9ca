import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { FirstLoad } from "./first-load";
import type { LoadResult } from "./load";
import type { ResetTimingReport } from "./reset-timing";
import type { SyncLatency } from "./sync";

/** One load scenario: medians over the rounds, and every round. */
export interface ScenarioReport {
  name: string;
  description: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  rounds: LoadResult[];
}

/** Live sync: delivery latency at each number of open streams, and the server's memory with 1,000 open. */
export interface SyncReport {
  latency: readonly SyncLatency[];
  /** RSS after a full GC, before and with `streams` open: the app's, and the bare tRPC SSE server's (the floor). */
  memory: { streams: number; rssBeforeBytes: number; rssWithStreamsBytes: number; bareRssBeforeBytes: number; bareRssWithStreamsBytes: number };
}

/** Everything one run measured. */
export interface Report {
  date: string;
  machine: ReturnType<typeof machine>;
  database: string;
  settings: Record<string, number>;
  scenarios: ScenarioReport[];
  tokenVerification: {
    rawPerSecond: number;
    verifierPerSecond: number;
    contextPerSecond: number;
    /**
     * Median over rounds of raw / verifier throughput, each pair measured back to back: steadier than the
     * ratio of the two medians, as both halves of a pair share the machine's mood. The target uses it.
     */
    timeRatio?: number;
    /** The verifier with as many calls in flight as the load has connections (not a target: context). */
    verifierInFlightPerSecond?: number;
    /**
     * The same factory with no token remembered (`cacheMaxEntries: 0`): what a token costs the first time
     * it comes. Absent in runs before tokens were remembered, whose `verifier*` figures are this.
     */
    firstSight?: {
      perSecond: number;
      /** Median over rounds of raw / first sight, each pair back to back. */
      timeRatio: number;
      inFlightPerSecond: number;
      /** node:crypto's callback form of the same verify (on libuv's thread pool), one after another: the floor of an off-thread check. */
      rawAsyncPerSecond: number;
      /** Median over rounds of raw async / first sight. */
      asyncTimeRatio: number;
    };
  };
  firstLoad: FirstLoad;
  sync: SyncReport;
  /** Password reset requests for known and unknown addresses (absent in runs before it was measured). */
  passwordReset?: ResetTimingReport;
  peakRssBytes: number;
}

/** A target from the performance issue, checked against this run. */
interface Target {
  name: string;
  value: number;
  /** How `value` is shown. */
  shown: string;
  limit: string;
  pass: boolean;
}

/** The middle value (mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What the figures were measured on. */
export function machine() {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, commit };
}

/** How the scenarios of the large user are named: "100k tasks" (10k in a quick run). */
export function largeTasks(count: number): string {
  return count % 1000 === 0 ? `${count / 1000}k tasks` : `${count.toLocaleString("en")} tasks`;
}

const ratio = (value: number) => `${value.toFixed(2)}x`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Checks the targets of the performance issue (ratios from this run only). */
export function targets(report: Report): Target[] {
  const rps = (name: string) => {
    const scenario = report.scenarios.find((candidate) => candidate.name === name || candidate.name.startsWith(`${name} (`));
    if (!scenario) throw new Error(`No scenario ${name}`);
    return scenario.requestsPerSecond;
  };
  const me = rps("user.me");
  const meSession = rps("user.me (session lookup)");
  const list = rps("task.list (50 rows)");
  // Results written before the setting was recorded were all of 100,000 tasks.
  const large = largeTasks(report.settings.largeTaskCount ?? 100_000);
  const { rawPerSecond, verifierPerSecond } = report.tokenVerification;
  const verifyRatio = report.tokenVerification.timeRatio ?? rawPerSecond / verifierPerSecond;
  // At a fixed number of connections, mean latency is connections / throughput: the throughput ratio is the latency ratio.
  const scale = list / rps(`task.list (${large})`);
  const bare = rps("bare.list");
  const signIn = rps("page /sign-in (no data)");
  const page = rps("page / (signed in)") / signIn;
  const check = (name: string, value: number, shown: string, limit: string, pass: boolean): Target => ({ name, value, shown, limit, pass });
  const busiest = report.sync.latency.toSorted((a, b) => b.streams - a.streams)[0];
  const perStream = streamBytes(report.sync);
  const createWithStreams = rps("task.create (1 stream open)") / rps("task.create");
  // Scenarios added later are absent from older results: their targets show only where measured.
  const labelTargets = () => {
    if (!report.scenarios.some((scenario) => scenario.name.startsWith("task.list labelled"))) return [];
    const labelled = rps("task.list labelled (100 tasks)");
    const filterCost = list / labelled;
    const labelledScale = labelled / rps(`task.list labelled (${large})`);
    return [
      check("task.list with labels on every row and a label filter / plain page (latency)", filterCost, ratio(filterCost), "<= 1.3x", filterCost <= 1.3),
      check(`task.list labelled: ${large} / 100 tasks (latency)`, labelledScale, ratio(labelledScale), "<= 1.3x", labelledScale <= 1.3),
    ];
  };
  return [
    check("user.me: JWT / session lookup (req/s)", me / meSession, ratio(me / meSession), ">= 2x", me / meSession >= 2),
    check("task.list 50 rows (JWT) / user.me (session lookup)", list / meSession, ratio(list / meSession), ">= 1x", list / meSession >= 1),
    check("task.list 50 rows (JWT) / bare node:http + driver (req/s)", list / bare, ratio(list / bare), ">= 0.2x", list / bare >= 0.2),
    ...tokenTargets(report, verifyRatio),
    check(`task.list latency: ${large} / 100 tasks`, scale, ratio(scale), "<= 1.3x", scale <= 1.3),
    ...labelTargets(),
    check("Signed-in page / with 50 tasks / page /sign-in (req/s)", page, ratio(page), ">= 0.6x", page >= 0.6),
    check("tRPC requests after hydration", report.firstLoad.trpcRequests.length, String(report.firstLoad.trpcRequests.length), "<= 1", report.firstLoad.trpcRequests.length <= 1),
    ...firstLoadTargets(report.firstLoad),
    check(
      `Sync delivery p99 at ${busiest?.streams.toLocaleString("en") ?? 0} open streams`,
      busiest?.p99 ?? Infinity,
      `${busiest?.p99 ?? "-"} ms`,
      "< 100 ms",
      (busiest?.p99 ?? Infinity) < 100,
    ),
    check("Memory per open stream (RSS growth / streams)", perStream, kB(perStream), "< 50 kB", perStream < 50_000),
    check("task.create with the writer's stream open / without (req/s)", createWithStreams, ratio(createWithStreams), ">= 0.85x", createWithStreams >= 0.85),
    ...(report.passwordReset
      ? [
          check(
            "Password reset request: known / unknown address (time)",
            report.passwordReset.ratio,
            ratio(report.passwordReset.ratio),
            "0.8x to 1.25x",
            report.passwordReset.ratio >= 0.8 && report.passwordReset.ratio <= 1.25,
          ),
        ]
      : []),
    check("Peak app server RSS", report.peakRssBytes, MB(report.peakRssBytes), "<= 350 MB", report.peakRssBytes <= 350e6),
  ];
}

/** The server's resident memory growth per open stream. */
function streamBytes(sync: SyncReport, server: "app" | "bare" = "app"): number {
  const { memory } = sync;
  const growth = server === "app" ? memory.rssWithStreamsBytes - memory.rssBeforeBytes : memory.bareRssWithStreamsBytes - memory.bareRssBeforeBytes;
  return growth / memory.streams;
}

/** Token verification: a token seen before (every call after a client's first), a token's first time, and under load. */
function tokenTargets(report: Report, verifyRatio: number): Target[] {
  const { firstSight, rawPerSecond } = report.tokenVerification;
  const check = (name: string, value: number, limit: string, pass: boolean): Target => ({ name, value, shown: ratio(value), limit, pass });
  if (!firstSight) return [check("Token verification: time per token, app / raw Ed25519", verifyRatio, "<= 1.3x", verifyRatio <= 1.3)];
  const underLoad = firstSight.inFlightPerSecond / rawPerSecond;
  return [
    check("Token verification, a token seen before: time, app / raw Ed25519", verifyRatio, "<= 1.3x", verifyRatio <= 1.3),
    check("Token verification, a token's first time: time, app / raw Ed25519", firstSight.timeRatio, "<= 1.3x", firstSight.timeRatio <= 1.3),
    check("Token verification under load, first times, 50 in flight / raw one at a time (per s)", underLoad, ">= 1x", underLoad >= 1),
  ];
}

/** The framework's share of a first load: a bare page's, where measured, else the scripts every page loads before its own. */
const frameworkBytes = (firstLoad: FirstLoad) => firstLoad.barePageScriptBytes ?? firstLoad.frameworkScriptBytes;

/** The app's own share of the first load: what `/` loads beyond the framework's (see {@link frameworkBytes}). */
function firstLoadTargets(firstLoad: FirstLoad): Target[] {
  const total = firstLoad.scriptBytes.transferred;
  const framework = frameworkBytes(firstLoad);
  if (framework === undefined) {
    return [{ name: "First-load JavaScript of / (compressed)", value: total, shown: kB(total), limit: "<= 140 kB", pass: total <= 140_000 }];
  }
  const own = total - framework;
  return [{ name: "First-load JavaScript of /, the app's own share (compressed, beyond Next's and React's)", value: own, shown: kB(own), limit: "<= 40 kB", pass: own <= 40_000 }];
}

/** Where the framework alone already stands against the targets it shares (see bench/README.md). */
function floors(report: Report): string[] {
  const rps = (name: string) => report.scenarios.find((scenario) => scenario.name === name)?.requestsPerSecond;
  const floor = rps("page /sign-in (no data)");
  const list = rps("task.list (50 rows)");
  const page = rps("page / (signed in)");
  const lines: string[] = [];
  if (floor && list && page) {
    lines.push(`Framework floor: the simplest server-rendered page (/sign-in, no data) runs at ${ratio(floor / list)} of task.list; the signed-in page with its data at ${ratio(page / floor)} of that floor.`);
  }
  const shared = report.firstLoad.sharedScriptBytes;
  const framework = frameworkBytes(report.firstLoad);
  const { barePageScriptBytes: bare, frameworkScriptBytes: rootMain } = report.firstLoad;
  if (framework !== undefined) {
    const whose =
      bare === undefined
        ? "the framework's (Next's runtime and React: the scripts every page loads before its own, the build manifest's rootMainFiles)"
        : `the framework's, as a bare page on the same Next and React loads it (bench/bare-page: Next's runtime and router, React DOM${rootMain === undefined ? "" : `; ${kB(rootMain)} of it the rootMainFiles every page loads before its own`})`;
    lines.push(`First load of /: ${kB(report.firstLoad.scriptBytes.transferred)} of JavaScript, of which ${kB(framework)} is ${whose} and ${kB(report.firstLoad.scriptBytes.transferred - framework)} the app's own${shared === undefined ? "" : `: ${kB(shared - framework)} of it loaded by /sign-in too (the root layout: tRPC, React Query, superjson, the theme and toast hooks), ${kB(report.firstLoad.scriptBytes.transferred - shared)} the task page's`}.`);
  } else if (shared) lines.push(`${kB(shared)} of the first-load JavaScript of / is loaded by every page (the root layout's share: see below).`);
  return lines;
}

/** The report as Markdown. */
export function toMarkdown(report: Report): string {
  const bare = report.scenarios.find((scenario) => scenario.name === "bare.list")!.requestsPerSecond;
  const { rawPerSecond, verifierPerSecond, contextPerSecond } = report.tokenVerification;
  const { settings: s, machine: m } = report;
  const lines = [
    `# Benchmark results (${report.database})`,
    "",
    `${report.date}, commit ${m.commit}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}.`,
    `${s.rounds} round(s) of ${s.durationSeconds} s per scenario after a ${s.warmupSeconds} s warm-up, interleaved; ${s.connections} connections; medians.`,
    "Absolute figures depend on the machine and its neighbours: compare the ratios, which come from one run.",
    "",
    "## Targets",
    "",
    "| Target | This run | Limit | |",
    "| --- | ---: | ---: | --- |",
    ...targets(report).map((target) => `| ${target.name} | ${target.shown} | ${target.limit} | ${target.pass ? "pass" : "**FAIL**"} |`),
    "",
    ...floors(report),
    "",
    "## API and page load",
    "",
    "| Scenario | req/s | p50 ms | p99 ms | vs bare | Failures | What |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...report.scenarios.map(
      (scenario) =>
        `| ${scenario.name} | ${scenario.requestsPerSecond.toFixed(0)} | ${scenario.p50} | ${scenario.p99} | ${ratio(scenario.requestsPerSecond / bare)} | ${scenario.failures} | ${scenario.description} |`,
    ),
    "",
    "## Token verification (in process, one call after another unless said)",
    "",
    "| Operation | per second | time vs raw |",
    "| --- | ---: | ---: |",
    `| Raw Ed25519 verify (node:crypto, key imported once) | ${rawPerSecond.toFixed(0)} | 1.00x |`,
    ...(report.tokenVerification.firstSight
      ? [
          `| Raw Ed25519 verify, callback form (node:crypto on libuv's thread pool): the floor of a check off the event loop | ${report.tokenVerification.firstSight.rawAsyncPerSecond.toFixed(0)} | ${ratio(rawPerSecond / report.tokenVerification.firstSight.rawAsyncPerSecond)} |`,
          `| The app's verifier, a token's first time (signature, on the event loop when no other check is under way; algorithm, issuer, audience, expiry; nothing remembered) | ${report.tokenVerification.firstSight.perSecond.toFixed(0)} | ${ratio(rawPerSecond / report.tokenVerification.firstSight.perSecond)} |`,
          `| The same, median of the per-round ratios (the target's figure); against the callback form's floor: ${ratio(report.tokenVerification.firstSight.asyncTimeRatio)} | | ${ratio(report.tokenVerification.firstSight.timeRatio)} |`,
          `| The same, first times, ${s.connections} calls in flight | ${report.tokenVerification.firstSight.inFlightPerSecond.toFixed(0)} | ${ratio(rawPerSecond / report.tokenVerification.firstSight.inFlightPerSecond)} |`,
        ]
      : []),
    `| The app's verifier${report.tokenVerification.firstSight ? ", a token seen before (remembered: ACCESS_TOKEN_CACHE_MAX_ENTRIES; the clock checks only)" : " (signature, algorithm, issuer, audience, expiry)"} | ${verifierPerSecond.toFixed(0)} | ${ratio(rawPerSecond / verifierPerSecond)} |`,
    ...(report.tokenVerification.timeRatio
      ? [`| The same, median of the per-round ratios (each round measures raw and the verifier back to back; the target's figure) | | ${ratio(report.tokenVerification.timeRatio)} |`]
      : []),
    `| The whole context resolver (verify + user row) | ${contextPerSecond.toFixed(0)} | ${ratio(rawPerSecond / contextPerSecond)} |`,
    ...(report.tokenVerification.verifierInFlightPerSecond
      ? [`| The app's verifier, ${s.connections} calls in flight (all but the first signature check on libuv's thread pool) | ${report.tokenVerification.verifierInFlightPerSecond.toFixed(0)} | ${ratio(rawPerSecond / report.tokenVerification.verifierInFlightPerSecond)} |`]
      : []),
    "",
    "## Live sync (sync.changes over SSE)",
    "",
    "Milliseconds from the writer's task.create response to the event at each of that user's streams (0 when the event came first), one create at a time, users in turn.",
    "",
    "| Open streams | Users | p50 ms | p99 ms | max ms | Deliveries |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...report.sync.latency.map((level) => `| ${level.streams.toLocaleString("en")} | ${level.users} | ${level.p50} | ${level.p99} | ${level.max} | ${level.samples} |`),
    "",
    `- Memory per open stream, RSS after a full GC before and with ${report.sync.memory.streams.toLocaleString("en")} streams open: the app ${kB(streamBytes(report.sync))} (${MB(report.sync.memory.rssBeforeBytes)} to ${MB(report.sync.memory.rssWithStreamsBytes)}); tRPC's own SSE subscription with nothing else (bench/servers/bare-sse-server.ts, the floor) ${kB(streamBytes(report.sync, "bare"))}: ${ratio(streamBytes(report.sync) / streamBytes(report.sync, "bare"))} of it.`,
    "",
    ...(report.passwordReset
      ? [
          "## Password reset requests",
          "",
          `- \`POST /api/auth/request-password-reset\` through the app's handler in process, median of the rounds' medians, with a ${report.passwordReset.minResponseMs} ms \`PASSWORD_RESET_MIN_RESPONSE_MS\`: an address with an account ${report.passwordReset.knownMs.toFixed(2)} ms, without one ${report.passwordReset.unknownMs.toFixed(2)} ms; known / unknown ${ratio(report.passwordReset.ratio)} (median of the rounds' ratios, the target's figure).`,
          `- With no floor (the handler alone: a known address writes the token's row and hands the mail over, an unknown one reads): ${report.passwordReset.unpadded.knownMs.toFixed(2)} ms and ${report.passwordReset.unpadded.unknownMs.toFixed(2)} ms, ${ratio(report.passwordReset.unpadded.ratio)}.`,
          "",
        ]
      : []),
    "## First load of / in Chromium",
    "",
    `- JavaScript: ${report.firstLoad.scriptBytes.files} files, ${kB(report.firstLoad.scriptBytes.transferred)} transferred (${report.firstLoad.scriptBytes.encodings.join(", ")}), ${kB(report.firstLoad.scriptBytes.decoded)} uncompressed.`,
    ...(report.firstLoad.frameworkScriptBytes !== undefined
      ? [`- The scripts every page loads before its own (the build manifest's rootMainFiles: Turbopack's runtime, Next's client, React DOM): ${kB(report.firstLoad.frameworkScriptBytes)}.`]
      : []),
    ...(report.firstLoad.barePageScriptBytes !== undefined
      ? [`- A bare page's first load (bench/bare-page, the same Next and React, no code of its own): ${kB(report.firstLoad.barePageScriptBytes)}; the app's own share beyond it: ${kB(report.firstLoad.scriptBytes.transferred - report.firstLoad.barePageScriptBytes)}.`]
      : []),
    `- Loaded by /sign-in too (the framework's and the root layout's): ${kB(report.firstLoad.sharedScriptBytes ?? 0)}; specific to /: ${kB(report.firstLoad.scriptBytes.transferred - (report.firstLoad.sharedScriptBytes ?? 0))}.`,
    `- Largest: ${report.firstLoad.scripts.slice(0, 5).map((script) => `${script.path.split("/").pop()} ${kB(script.transferred)}`).join(", ")}.`,
    `- Fetched after the first load while the page settled (live sync, prefetches at idle; not counted above): ${report.firstLoad.laterScripts.length} files, ${kB(report.firstLoad.laterScripts.reduce((sum, script) => sum + script.transferred, 0))}.`,
    `- The document (the first rows, and the whole first page's data in its inline RSC payload): ${kB(report.firstLoad.documentBytes.decoded)} of HTML, ${kB(report.firstLoad.documentBytes.gzip)} gzipped.`,
    `- tRPC requests after hydration: ${report.firstLoad.trpcRequests.length}${report.firstLoad.trpcRequests.length ? ` (${report.firstLoad.trpcRequests.map((url) => new URL(url).pathname).join(", ")})` : ""}.`,
    `- Peak RSS of the app server over the whole run: ${MB(report.peakRssBytes)}.`,
    "",
  ];
  return lines.join("\n");
}

/** Prints the report and writes it to `bench/results/<name>.md` and `<name>.json`. */
export function writeReport(report: Report, name: string): void {
  const markdown = toMarkdown(report);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(`bench/results/${name}.md`, markdown);
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify({ ...report, targets: targets(report) }, null, 2)}\n`);
  console.log(`\n${markdown}`);
}
