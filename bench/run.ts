/**
 * `npm run bench`: builds (if needed), seeds a temp database, starts the production server (and the
 * two servers it is compared with), measures, prints a table and writes bench/results/latest.{md,json}.
 * Every figure that matters is a ratio against a baseline measured in the same run. See bench/README.md.
 *
 * Options: --rounds <n> (3), --duration <s> (5, per round and scenario), --warmup <s> (2),
 * --connections <n> (50), --large <tasks> (100000; 10000 with --quick), --port <first of six> (3301), --quick (1 round
 * of 2 s, for checking the harness; writes bench/results/quick.{md,json}), --profile (writes a V8 CPU profile of the app server to
 * bench/results/profiles/), --only <text> (only the load scenarios whose name contains it; no report
 * file, for profiling; "sync" runs only the live sync measurement), --database <postgres://…> (runs on a fresh schema of that PostgreSQL database
 * instead of a temp SQLite file; writes results/latest-postgres.*).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { JSONWebKeySet } from "jose";
import { createSchema } from "../test/fixtures/database";
import { createApp } from "../src/server/app";
import { loadConfig } from "../src/server/env";
import { migrate } from "../src/server/migrate";
import { BARE_PAGE_DIR, ensureBarePageBuild, ensureBuild } from "./lib/build";
import { frameworkScripts, measureFirstLoad } from "./lib/first-load";
import { runLoad, settle, type LoadRequest, type LoadResult } from "./lib/load";
import { startServer, type ServerProcess } from "./lib/process";
import { largeTasks, machine, median, writeReport, type Report, type ScenarioReport, type SyncReport } from "./lib/report";
import { PASSWORD, SEARCH_TERM, seedUser } from "./lib/seed";
import { signIn, type Credentials } from "./lib/sign-in";
import { closeStreams, measureDelivery, openStreams } from "./lib/sync";
import { measureResetTiming } from "./lib/reset-timing";
import { startSmtpServer } from "../test/fixtures/smtp";
import { appVerifier, concurrentRate, contextResolver, firstSightVerifier, rate, rawAsyncVerifier, rawVerifier } from "./lib/token-verify";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    large: { type: "string" },
    port: { type: "string", default: "3301" },
    quick: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    only: { type: "string" },
    database: { type: "string" },
  },
});
const settings = {
  rounds: args.quick ? 1 : Number(args.rounds),
  durationSeconds: args.quick ? 2 : Number(args.duration),
  warmupSeconds: args.quick ? 1 : Number(args.warmup),
  connections: Number(args.connections),
  // A quick run only checks the harness: a tenth of the data seeds in seconds instead of half a minute.
  largeTaskCount: Number(args.large ?? (args.quick ? 10_000 : 100_000)),
  smallTaskCount: 100,
  pageSize: 50,
};
const port = Number(args.port);

ensureBuild();
ensureBarePageBuild();

// --- A database of our own, seeded through the app itself -----------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), "tasks-bench-"));
const database = args.database ? await createSchema(args.database, "bench") : { url: join(dataDir, "app.db"), drop: async () => {} };
const dialect = args.database ? "postgres" : "sqlite";
const baseUrl = `http://127.0.0.1:${port}`;
const env: Record<string, string> = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: database.url,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
  BETTER_AUTH_URL: baseUrl,
  // The load comes from one address and a handful of users: limits would measure themselves.
  API_RATE_LIMIT_ENABLED: "false",
  AUTH_RATE_LIMIT_ENABLED: "false",
  TASK_QUOTA_PER_USER: "10000000",
  // Long enough for the whole run on one token.
  ACCESS_TOKEN_TTL_SECONDS: "7200",
  JWKS_GRACE_PERIOD_SECONDS: "7200",
};
const app = createApp(loadConfig(env));
const servers: ServerProcess[] = [];
const cleanUp = async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await app.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
};
process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));

try {
  console.log(`Seeding ${settings.largeTaskCount.toLocaleString("en")} tasks…`);
  await migrate(app);
  const ids = {
    small: await seedUser(app, "small@bench.test", settings.smallTaskCount),
    large: await seedUser(app, "large@bench.test", settings.largeTaskCount),
    mixed: await seedUser(app, "mixed@bench.test", settings.smallTaskCount),
    writer: await seedUser(app, "writer@bench.test", 0),
    // Labels on every row, filtered by the label every task carries: the label filter's cost, at both sizes.
    labelled: await seedUser(app, "labelled@bench.test", settings.smallTaskCount, { labels: 5 }),
    labelledLarge: await seedUser(app, "labelled-large@bench.test", settings.largeTaskCount, { labels: 5 }),
  };
  // Live sync: 1,000 streams are 100 users with SYNC_MAX_STREAMS_PER_USER's default of 10 each.
  const syncEmails = Array.from({ length: 100 }, (_, i) => `sync${i}@bench.test`);
  for (const email of syncEmails) await seedUser(app, email, 0);

  // --- The servers ---------------------------------------------------------------------------------
  const profileDir = "bench/results/profiles";
  if (args.profile) mkdirSync(profileDir, { recursive: true });
  // The app as `npm start` runs it (its Node options come from package.json), by `node` directly so that
  // --cpu-prof, which NODE_OPTIONS refuses, can be added; the session-lookup mode with the same options.
  const startScript = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  const heapFlags = startScript.match(/--max-old-space-size=\d+/g) ?? [];
  const profileFlags = args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const [appServer, sessionServer, bareServer] = await Promise.all([
    startServer({
      command: process.execPath,
      args: [...heapFlags, ...profileFlags, "--import", "tsx", "scripts/start.ts", "--port", String(port)],
      port,
      env,
      readyPath: "/api/auth/jwks",
    }),
    startServer({
      command: process.execPath,
      args: [...heapFlags, "--import", "tsx", "bench/servers/session-lookup-server.ts", "--port", String(port + 1)],
      port: port + 1,
      env,
      readyPath: "/api/auth/jwks",
    }),
    startServer({
      command: process.execPath,
      args: ["--import", "tsx", "bench/servers/bare-server.ts", "--port", String(port + 2), "--db", env.DATABASE_URL!, "--user", ids.small.id],
      port: port + 2,
      env,
    }),
  ]);
  servers.push(appServer, sessionServer, bareServer);

  const users: Record<keyof typeof ids, Credentials> = {
    small: await signIn(appServer.url, "small@bench.test", PASSWORD),
    large: await signIn(appServer.url, "large@bench.test", PASSWORD),
    mixed: await signIn(appServer.url, "mixed@bench.test", PASSWORD),
    writer: await signIn(appServer.url, "writer@bench.test", PASSWORD),
    labelled: await signIn(appServer.url, "labelled@bench.test", PASSWORD),
    labelledLarge: await signIn(appServer.url, "labelled-large@bench.test", PASSWORD),
  };
  const syncTokens = await Promise.all(syncEmails.map(async (email) => (await signIn(appServer.url, email, PASSWORD)).token));

  // --- What is measured --------------------------------------------------------------------------
  const bearer = (user: Credentials) => ({ authorization: `Bearer ${user.token}` });
  const query = (path: string, input?: unknown) =>
    input === undefined ? `/api/trpc/${path}` : `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const me = (headers: Record<string, string>): LoadRequest => ({ path: query("user.me"), headers });
  const list = (headers: Record<string, string>, input: object = {}): LoadRequest => ({
    path: query("task.list", { limit: settings.pageSize, ...input }),
    headers,
  });
  const create = (headers: Record<string, string>): LoadRequest => ({
    method: "POST",
    path: "/api/trpc/task.create",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ json: { title: "A task from the benchmark" } }),
  });

  interface Scenario {
    name: string;
    description: string;
    server: ServerProcess;
    requests: LoadRequest[];
    expectStatus?: number;
    /** `sync.changes` streams held open for the writer while the load runs (each one receives every event). */
    writerStreams?: number;
    /** A check of one response before the load, so a broken scenario cannot pass as fast. */
    check: (response: Response) => Promise<boolean>;
  }
  const returnsPage = (size: number) => async (response: Response) =>
    response.ok && ((await response.json()) as { result: { data: { json: { items: unknown[] } } } }).result.data.json.items.length === size;
  const isOk = async (response: Response) => response.ok;
  const scenarios: Scenario[] = [
    {
      name: "bare.list",
      description: `Baseline: node:http + ${dialect === "postgres" ? "pg" : "better-sqlite3"}, the same ${settings.pageSize}-row page, no framework, no auth`,
      server: bareServer,
      requests: [{ path: "/" }],
      check: async (response) => response.ok && ((await response.json()) as { items: unknown[] }).items.length === settings.pageSize,
    },
    { name: "user.me", description: "user.me with a Bearer JWT", server: appServer, requests: [me(bearer(users.small))], check: isOk },
    {
      name: "user.me (session lookup)",
      description: "user.me, session cookie looked up in the database on every request (the common design)",
      server: sessionServer,
      requests: [me({ cookie: users.small.cookie })],
      check: isOk,
    },
    {
      name: "user.me (no token)",
      description: "user.me without a token: 401 before any verification (the framework's floor)",
      server: appServer,
      requests: [me({})],
      expectStatus: 401,
      check: async (response) => response.status === 401,
    },
    {
      name: `task.list (${settings.pageSize} rows)`,
      description: `First page of ${settings.pageSize}, user with ${settings.smallTaskCount} tasks`,
      server: appServer,
      requests: [list(bearer(users.small))],
      check: returnsPage(settings.pageSize),
    },
    {
      name: `task.list (${largeTasks(settings.largeTaskCount)})`,
      description: `First page of ${settings.pageSize}, user with ${settings.largeTaskCount.toLocaleString("en")} tasks`,
      server: appServer,
      requests: [list(bearer(users.large))],
      check: returnsPage(settings.pageSize),
    },
    {
      name: "task.list labelled (100 tasks)",
      description: `First page of ${settings.pageSize} with a label filter, every row carrying two labels, user with ${settings.smallTaskCount} tasks`,
      server: appServer,
      requests: [list(bearer(users.labelled), { labelId: ids.labelled.labelIds[0] })],
      check: returnsPage(settings.pageSize),
    },
    {
      name: `task.list labelled (${largeTasks(settings.largeTaskCount)})`,
      description: `The same, user with ${settings.largeTaskCount.toLocaleString("en")} tasks`,
      server: appServer,
      requests: [list(bearer(users.labelledLarge), { labelId: ids.labelledLarge.labelIds[0] })],
      check: returnsPage(settings.pageSize),
    },
    {
      name: `task.list search (${largeTasks(settings.largeTaskCount)})`,
      description: `Search "${SEARCH_TERM}" (in ~1 % of titles), user with ${settings.largeTaskCount.toLocaleString("en")} tasks`,
      server: appServer,
      requests: [list(bearer(users.large), { search: SEARCH_TERM })],
      check: returnsPage(Math.min(settings.pageSize, Math.ceil(settings.largeTaskCount / 100))),
    },
    { name: "task.create", description: "Creates a task (a transaction: a lock on the user's row, one INSERT…SELECT, its change-log row)", server: appServer, requests: [create(bearer(users.writer))], check: isOk },
    {
      name: "task.create (1 stream open)",
      description: "The same while that user has a sync.changes stream open (one browser: its tabs share one), which receives every event",
      server: appServer,
      requests: [create(bearer(users.writer))],
      writerStreams: 1,
      check: isOk,
    },
    {
      name: "task.create (10 streams open)",
      description: "The same with SYNC_MAX_STREAMS_PER_USER's 10 streams of that user open, each receiving every event",
      server: appServer,
      requests: [create(bearer(users.writer))],
      writerStreams: 10,
      check: isOk,
    },
    {
      name: "mixed (80 % reads)",
      description: "Per connection, in a cycle: task.list, task.stats, task.list, user.me, task.create",
      server: appServer,
      requests: [list(bearer(users.mixed)), { path: query("task.stats", {}), headers: bearer(users.mixed) }, list(bearer(users.mixed)), me(bearer(users.mixed)), create(bearer(users.mixed))],
      check: isOk,
    },
    {
      name: "page / (signed in)",
      description: "Server-rendered task page with its data (session cookie)",
      server: appServer,
      requests: [{ path: "/", headers: { cookie: users.small.cookie, accept: "text/html" } }],
      check: async (response) => response.ok && (await response.text()).includes("What needs to be done?"),
    },
    {
      name: "page /sign-in (no data)",
      description: "The simplest server-rendered page (no session, no query): the framework's floor for a page",
      server: appServer,
      requests: [{ path: "/sign-in", headers: { accept: "text/html" } }],
      check: async (response) => response.ok && (await response.text()).includes("Sign in"),
    },
  ];

  const selected = args.only ? scenarios.filter((scenario) => scenario.name.includes(args.only!)) : scenarios;
  for (const scenario of scenarios) {
    const request = scenario.requests[0]!;
    const response = await fetch(scenario.server.url + request.path, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
    if (!(await scenario.check(response.clone()))) {
      throw new Error(`Scenario "${scenario.name}" does not answer as it should (${response.status}): ${(await response.text()).slice(0, 300)}`);
    }
  }

  // --- Load: warm every scenario up, then interleave the rounds so noise spreads over all of them ---
  const load = async (scenario: Scenario, durationSeconds: number) => {
    const streams = scenario.writerStreams ? await openStreams(scenario.server.url, [users.writer.token], scenario.writerStreams) : [];
    const result = await runLoad(scenario.server.url, scenario.requests, { connections: settings.connections, durationSeconds, expectStatus: scenario.expectStatus });
    await closeStreams(streams);
    await settle(scenario.server.url);
    return result;
  };

  // --- Live sync: delivery latency at 1, 100 and 1,000 open streams, and memory per stream ----------
  // Each create goes to one user's streams: 1, 10 and 10 of them. Memory is read after a full GC.
  let sync: SyncReport | undefined;
  if (!args.only || args.only === "sync") {
    console.log("Live sync: delivery latency and memory per stream…");
    // A server of its own (the same app on the same database, started the same way), so the memory it
    // measures is the streams' and the load's peak RSS is not theirs. --expose-gc and the preload only let
    // the harness ask for a full GC (SIGUSR2) before reading the memory.
    const gcFlags = ["--expose-gc", "--import", "./bench/servers/gc-on-signal.mjs"];
    const syncServer = await startServer({
      command: process.execPath,
      args: [...heapFlags, ...gcFlags, "--import", "tsx", "scripts/start.ts", "--port", String(port + 3)],
      port: port + 3,
      env,
      readyPath: "/api/auth/jwks",
    });
    servers.push(syncServer);
    const creates = args.quick ? 30 : 300;
    const latency = [];
    const warm = await openStreams(syncServer.url, syncTokens.slice(0, 1), 1);
    await measureDelivery(syncServer.url, syncTokens.slice(0, 1), warm, 20);
    await closeStreams(warm);
    for (const [userCount, perUser] of [[1, 1], [10, 10]] as const) {
      const streams = await openStreams(syncServer.url, syncTokens.slice(0, userCount), perUser);
      latency.push(await measureDelivery(syncServer.url, syncTokens.slice(0, userCount), streams, creates));
      await closeStreams(streams);
    }
    // Memory after a full GC in the server, before and with the streams open: what they keep.
    const settledRss = async () => {
      syncServer.kill("SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return syncServer.rss();
    };
    const rssBefore = await settledRss();
    const streams = await openStreams(syncServer.url, syncTokens, 10);
    const rssWithStreams = await settledRss();
    latency.push(await measureDelivery(syncServer.url, syncTokens, streams, creates));
    await closeStreams(streams);
    const count = streams.flat().length;
    // The floor: tRPC's own SSE subscription, nothing else, measured the same way.
    const bareSse = await startServer({
      command: process.execPath,
      args: [...gcFlags, "--import", "tsx", "bench/servers/bare-sse-server.ts", "--port", String(port + 4)],
      port: port + 4,
      env,
    });
    servers.push(bareSse);
    const settledBareRss = async () => {
      bareSse.kill("SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return bareSse.rss();
    };
    await closeStreams(await openStreams(bareSse.url, ["no-token"], 50)); // warm
    const bareBefore = await settledBareRss();
    const bareStreams = await openStreams(bareSse.url, ["no-token"], count);
    const bareWithStreams = await settledBareRss();
    await closeStreams(bareStreams);
    for (const server of [syncServer, bareSse]) {
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
    }

    const perStream = (before: number, after: number) => `${((after - before) / 1e3 / count).toFixed(1)} kB`;
    for (const level of latency) console.log(`  ${String(level.streams).padStart(5)} streams: p50 ${level.p50} ms, p99 ${level.p99} ms (${level.samples} deliveries)`);
    console.log(`  Memory per stream at ${count}: the app ${perStream(rssBefore, rssWithStreams)}, tRPC's bare SSE ${perStream(bareBefore, bareWithStreams)}`);
    sync = {
      latency,
      memory: { streams: count, rssBeforeBytes: rssBefore, rssWithStreamsBytes: rssWithStreams, bareRssBeforeBytes: bareBefore, bareRssWithStreamsBytes: bareWithStreams },
    };
  }

  console.log(`Load: ${selected.length} scenarios, ${settings.rounds} round(s) of ${settings.durationSeconds} s, ${settings.connections} connections`);
  for (const scenario of selected) await load(scenario, settings.warmupSeconds);
  const runs = new Map<string, LoadResult[]>(scenarios.map((scenario) => [scenario.name, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const scenario of selected) {
      const result = await load(scenario, settings.durationSeconds);
      runs.get(scenario.name)!.push(result);
      console.log(`  round ${round} ${scenario.name.padEnd(30)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${result.p99} ms`);
    }
  }
  const peakRss = appServer.peakRss();
  if (args.only) {
    console.log(`--only: no report written. Peak RSS ${(peakRss / 1e6).toFixed(0)} MB`);
  } else {
    // --- Token verification, in this process (the same verifier the context resolver uses) -----------
    console.log("Token verification…");
    const jwks = (await (await fetch(`${appServer.url}/api/auth/jwks`)).json()) as JSONWebKeySet;
    const verifiers = {
      raw: rawVerifier(users.small.token, jwks),
      rawAsync: rawAsyncVerifier(users.small.token, jwks),
      firstSight: firstSightVerifier(app, users.small.token),
      verifier: appVerifier(app, users.small.token),
      context: contextResolver(app, users.small.token),
    };
    // A quick run only checks the harness: a quarter of each measurement's time.
    const verifySeconds = args.quick ? 0.25 : 1;
    for (const operation of Object.values(verifiers)) await rate(operation, verifySeconds / 2);
    const verifyRuns = {
      raw: [] as number[],
      rawAsync: [] as number[],
      firstSight: [] as number[],
      verifier: [] as number[],
      context: [] as number[],
      verifierInFlight: [] as number[],
      firstSightInFlight: [] as number[],
    };
    // Seven short rounds (three in a quick run): the target's ratio is the median of the rounds' ratios.
    for (let round = 0; round < (args.quick ? 3 : 7); round++) {
      for (const [name, operation] of Object.entries(verifiers) as [keyof typeof verifiers, () => unknown][]) {
        verifyRuns[name].push(await rate(operation, verifySeconds));
      }
      verifyRuns.verifierInFlight.push(await concurrentRate(verifiers.verifier, verifySeconds, settings.connections));
      verifyRuns.firstSightInFlight.push(await concurrentRate(verifiers.firstSight, verifySeconds, settings.connections));
    }

    // --- Password reset: the same time for a known and an unknown address -----------------------------
    // An app of its own on the same database, mailing an SMTP server in this process (the run's app sends none).
    console.log("Password reset requests…");
    // As configured, with a 20 ms floor (PASSWORD_RESET_MIN_RESPONSE_MS, 250 ms by default: the run would take
    // minutes), and with none: the handler's own times, which the floor hides.
    const resetTiming = async (minResponseMs: number) => {
      const mailing = createApp(loadConfig({ ...env, SMTP_URL: smtp.url, PASSWORD_RESET_MIN_RESPONSE_MS: String(minResponseMs) }));
      try {
        return await measureResetTiming(mailing, ["small@bench.test", "large@bench.test", "mixed@bench.test"], { rounds: args.quick ? 3 : 7, perRound: 50 });
      } finally {
        await mailing.close();
      }
    };
    const smtp = await startSmtpServer();
    const passwordReset = { ...(await resetTiming(20)), minResponseMs: 20, unpadded: await resetTiming(0) };
    await smtp.close();

    // --- What a browser downloads and asks for -------------------------------------------------------
    console.log("First load in Chromium…");
    const [cookieName, ...cookieValue] = users.small.cookie.split("=");
    const firstLoad = await measureFirstLoad(`${appServer.url}/`, { name: cookieName!, value: cookieValue.join("=") });
    // What every page loads (React, Next's runtime): the scripts /sign-in shares with /.
    const signInLoad = await measureFirstLoad(`${appServer.url}/sign-in`, null);
    const shared = signInLoad.scripts.filter((script) => firstLoad.scripts.some((other) => other.path === script.path));
    firstLoad.sharedScriptBytes = shared.reduce((sum, script) => sum + script.transferred, 0);
    const framework = frameworkScripts();
    const unseen = [...framework].filter((path) => !firstLoad.scripts.some((script) => script.path === path));
    if (unseen.length) throw new Error(`/ did not load the framework's ${unseen.join(", ")}: is .next the build being served?`);
    firstLoad.frameworkScriptBytes = firstLoad.scripts.filter((script) => framework.has(script.path)).reduce((sum, script) => sum + script.transferred, 0);
    // The framework's whole share, measured: a bare page on the same Next and React, served the same way.
    const barePage = await startServer({
      command: process.execPath,
      args: [resolve("node_modules/next/dist/bin/next"), "start", "--port", String(port + 5)],
      port: port + 5,
      env: { NEXT_TELEMETRY_DISABLED: "1" },
      cwd: BARE_PAGE_DIR,
    });
    servers.push(barePage);
    firstLoad.barePageScriptBytes = (await measureFirstLoad(`${barePage.url}/`, null, "h1")).scriptBytes.transferred;
    await barePage.stop();
    servers.splice(servers.indexOf(barePage), 1);

    // --- Report ----------------------------------------------------------------------------------------
    const scenarioReports: ScenarioReport[] = scenarios.map((scenario) => {
      const results = runs.get(scenario.name)!;
      return {
        name: scenario.name,
        description: scenario.description,
        requestsPerSecond: median(results.map((result) => result.requestsPerSecond)),
        p50: median(results.map((result) => result.p50)),
        p99: median(results.map((result) => result.p99)),
        failures: results.reduce((sum, result) => sum + result.failures, 0),
        rounds: results,
      };
    });
    const report: Report = {
      date: new Date().toISOString(),
      machine: machine(),
      database: dialect,
      settings,
      scenarios: scenarioReports,
      tokenVerification: {
        rawPerSecond: median(verifyRuns.raw),
        verifierPerSecond: median(verifyRuns.verifier),
        timeRatio: median(verifyRuns.raw.map((raw, round) => raw / verifyRuns.verifier[round]!)),
        contextPerSecond: median(verifyRuns.context),
        verifierInFlightPerSecond: median(verifyRuns.verifierInFlight),
        firstSight: {
          perSecond: median(verifyRuns.firstSight),
          timeRatio: median(verifyRuns.raw.map((raw, round) => raw / verifyRuns.firstSight[round]!)),
          inFlightPerSecond: median(verifyRuns.firstSightInFlight),
          rawAsyncPerSecond: median(verifyRuns.rawAsync),
          asyncTimeRatio: median(verifyRuns.rawAsync.map((raw, round) => raw / verifyRuns.firstSight[round]!)),
        },
      },
      firstLoad,
      sync: sync!,
      passwordReset,
      peakRssBytes: peakRss,
    };
    // A quick run only checks the harness: it never replaces the figures of a real one.
    writeReport(report, `${args.quick ? "quick" : "latest"}${dialect === "postgres" ? "-postgres" : ""}`);
  }
} finally {
  await cleanUp();
}
