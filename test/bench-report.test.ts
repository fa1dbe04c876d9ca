import { describe, expect, it } from "vitest";
import { median, targets, toMarkdown, type Report } from "../bench/lib/report";

const firstLoad: Report["firstLoad"] = { scriptBytes: { transferred: 130_000, decoded: 400_000, files: 5, encodings: ["gzip"] }, scripts: [], laterScripts: [], trpcRequests: [], sharedScriptBytes: 120_000, documentBytes: { decoded: 85_000, gzip: 12_000 } };

/** A report with given req/s per scenario (the rest of the figures fixed). */
function report(rps: Record<string, number>, overrides: Partial<Report> = {}): Report {
  const names = ["bare.list", "user.me", "user.me (session lookup)", "task.list (50 rows)", "task.list (100k tasks)", "page / (signed in)", "page /sign-in (no data)", "task.create", "task.create (1 stream open)", "task.list labelled (100 tasks)", "task.list labelled (100k tasks)"];
  return {
    date: "2026-12-02T00:00:00.000Z",
    machine: { cpu: "test", cores: 2, memoryGiB: 24, node: "v20", commit: "abc" },
    database: "sqlite",
    settings: { rounds: 3, durationSeconds: 5, warmupSeconds: 2, connections: 50 },
    scenarios: names.map((name) => ({ name, description: name, requestsPerSecond: rps[name] ?? 1000, p50: 10, p99: 20, failures: 0, rounds: [] })),
    tokenVerification: { rawPerSecond: 6000, verifierPerSecond: 5000, contextPerSecond: 4000 },
    firstLoad,
    sync: {
      latency: [1, 100, 1000].map((streams) => ({ streams, users: Math.min(streams, 10), p50: 2, p99: 20, max: 30, samples: 200 })),
      memory: { streams: 1000, rssBeforeBytes: 200e6, rssWithStreamsBytes: 230e6, bareRssBeforeBytes: 50e6, bareRssWithStreamsBytes: 75e6 },
    },
    peakRssBytes: 300e6,
    ...overrides,
  };
}

describe("benchmark report (bench/lib/report.ts)", () => {
  it("takes the median of the rounds", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("passes every target on figures that meet them, as ratios of the same run", () => {
    const passing = report({ "user.me": 2000, "user.me (session lookup)": 1000, "task.list (50 rows)": 1000, "task.list (100k tasks)": 900, "page / (signed in)": 600 });
    expect(targets(passing).filter((target) => !target.pass)).toEqual([]);
  });

  it.each([
    ["user.me: JWT / session lookup (req/s)", { "user.me": 1900, "user.me (session lookup)": 1000 }, {}],
    ["task.list 50 rows (JWT) / user.me (session lookup)", { "user.me": 2000, "user.me (session lookup)": 1000, "task.list (50 rows)": 990 }, {}],
    ["task.list latency: 100k tasks / 100 tasks", { "task.list (50 rows)": 1000, "task.list (100k tasks)": 700 }, {}],
    ["Signed-in page / with 50 tasks / page /sign-in (req/s)", { "page /sign-in (no data)": 1000, "page / (signed in)": 590 }, {}],
    ["task.list 50 rows (JWT) / bare node:http + driver (req/s)", { "bare.list": 5100 }, {}],
    ["Token verification: time per token, app / raw Ed25519", {}, { tokenVerification: { rawPerSecond: 6000, verifierPerSecond: 4500, contextPerSecond: 3000 } }],
    ["First-load JavaScript of /, the app's own share (compressed, beyond Next's and React's)", {}, { firstLoad: { ...firstLoad, frameworkScriptBytes: 89_000 } }],
    ["Peak app server RSS", {}, { peakRssBytes: 351e6 }],
    ["task.list with labels on every row and a label filter / plain page (latency)", { "task.list labelled (100 tasks)": 760, "task.list labelled (100k tasks)": 760 }, {}],
    ["task.list labelled: 100k tasks / 100 tasks (latency)", { "task.list labelled (100k tasks)": 760 }, {}],
    ["task.create with the writer's stream open / without (req/s)", { "task.create": 1000, "task.create (1 stream open)": 840 }, {}],
    [
      "Sync delivery p99 at 1,000 open streams",
      {},
      { sync: { latency: [{ streams: 1000, users: 10, p50: 20, p99: 100, max: 120, samples: 200 }], memory: { streams: 1000, rssBeforeBytes: 200e6, rssWithStreamsBytes: 230e6, bareRssBeforeBytes: 50e6, bareRssWithStreamsBytes: 75e6 } } },
    ],
    ["Memory per open stream (RSS growth / streams)", {}, { sync: { latency: [{ streams: 1000, users: 10, p50: 2, p99: 20, max: 30, samples: 200 }], memory: { streams: 1000, rssBeforeBytes: 200e6, rssWithStreamsBytes: 250e6, bareRssBeforeBytes: 50e6, bareRssWithStreamsBytes: 75e6 } } }],
  ] as const)("fails %s just past its limit", (name, rps, overrides) => {
    const failed = targets(report({ "user.me": 2000, "user.me (session lookup)": 1000, "task.list (100k tasks)": 1000, "page / (signed in)": 700, ...rps }, overrides));
    expect(failed.filter((target) => !target.pass).map((target) => target.name)).toEqual([name]);
  });

  it("names the large user's scenarios and targets by the count the run seeded (a quick run seeds 10,000)", () => {
    const quick = report({}, { settings: { rounds: 1, durationSeconds: 2, warmupSeconds: 1, connections: 50, largeTaskCount: 10_000 } });
    quick.scenarios = quick.scenarios.map((scenario) => ({ ...scenario, name: scenario.name.replace("100k tasks", "10k tasks") }));
    const scaleTargets = targets(quick).filter((target) => target.name.includes("tasks / 100 tasks"));
    expect(scaleTargets.map((target) => target.name)).toEqual(["task.list latency: 10k tasks / 100 tasks", "task.list labelled: 10k tasks / 100 tasks (latency)"]);
    // The 100k names are not there to find: a mismatch between run and report fails loudly.
    expect(() => targets(report({}, { settings: { ...quick.settings } }))).toThrow("No scenario task.list (10k tasks)");
  });

  it("judges token verification by the median of the per-round ratios when the run has them", () => {
    const verdict = (timeRatio: number) =>
      targets(report({}, { tokenVerification: { rawPerSecond: 6000, verifierPerSecond: 3900, contextPerSecond: 3000, timeRatio } })).find(
        (target) => target.name.startsWith("Token verification"),
      );
    expect(verdict(1.25)).toMatchObject({ shown: "1.25x", pass: true }); // the ratio of the medians (1.54x) would fail
    expect(verdict(1.31)).toMatchObject({ shown: "1.31x", pass: false });
  });

  it("judges a token seen before, a token's first time, and first times under load, when the run measured first times", () => {
    const firstSight = { perSecond: 4500, timeRatio: 1.29, inFlightPerSecond: 9000, rawAsyncPerSecond: 5000, asyncTimeRatio: 1.1 };
    const tokens = (overrides: Partial<typeof firstSight>, timeRatio = 0.02) =>
      targets(report({}, { tokenVerification: { rawPerSecond: 6000, verifierPerSecond: 300_000, contextPerSecond: 3000, timeRatio, firstSight: { ...firstSight, ...overrides } } }))
        .filter((target) => target.name.startsWith("Token verification"))
        .map((target) => [target.name, target.shown, target.pass]);
    expect(tokens({})).toEqual([
      ["Token verification, a token seen before: time, app / raw Ed25519", "0.02x", true],
      ["Token verification, a token's first time: time, app / raw Ed25519", "1.29x", true],
      ["Token verification under load, first times, 50 in flight / raw one at a time (per s)", "1.50x", true],
    ]);
    expect(tokens({ timeRatio: 1.31, inFlightPerSecond: 5900 }, 1.31).map(([, , pass]) => pass)).toEqual([false, false, false]);
    const markdown = toMarkdown(report({}, { tokenVerification: { rawPerSecond: 6000, verifierPerSecond: 300_000, contextPerSecond: 3000, timeRatio: 0.02, firstSight } }));
    expect(markdown).toContain("| The same, median of the per-round ratios (the target's figure); against the callback form's floor: 1.10x | | 1.29x |");
  });

  it("splits the first load into the framework's scripts and the app's own share, when the run measured the framework's", () => {
    const share = (frameworkScriptBytes: number) => targets(report({}, { firstLoad: { ...firstLoad, frameworkScriptBytes } })).find((target) => target.name.startsWith("First-load"));
    expect(share(90_000)).toMatchObject({ shown: "40.0 kB", pass: true });
    expect(share(89_900)).toMatchObject({ shown: "40.1 kB", pass: false });
    expect(toMarkdown(report({}, { firstLoad: { ...firstLoad, frameworkScriptBytes: 100_000 } }))).toContain(
      "First load of /: 130.0 kB of JavaScript, of which 100.0 kB is the framework's",
    );
  });

  it("judges the app's share against a bare page's first load where the run measured one, and says what the rootMainFiles are of it", () => {
    const measured = { ...firstLoad, frameworkScriptBytes: 80_000, barePageScriptBytes: 92_000 };
    const share = (barePageScriptBytes: number) => targets(report({}, { firstLoad: { ...measured, barePageScriptBytes } })).find((target) => target.name.startsWith("First-load"));
    expect(share(90_000)).toMatchObject({ shown: "40.0 kB", pass: true });
    expect(share(89_900)).toMatchObject({ shown: "40.1 kB", pass: false });
    const markdown = toMarkdown(report({}, { firstLoad: measured }));
    expect(markdown).toContain("of which 92.0 kB is the framework's, as a bare page on the same Next and React loads it (bench/bare-page: Next's runtime and router, React DOM; 80.0 kB of it the rootMainFiles");
    expect(markdown).toContain("and 38.0 kB the app's own: 28.0 kB of it loaded by /sign-in too");
    expect(markdown).toContain("- A bare page's first load (bench/bare-page, the same Next and React, no code of its own): 92.0 kB; the app's own share beyond it: 38.0 kB.");
  });

  it("leaves the label targets out of a run from before their scenarios", () => {
    const older = report({});
    older.scenarios = older.scenarios.filter((scenario) => !scenario.name.startsWith("task.list labelled"));
    expect(targets(older).some((target) => target.name.includes("labelled"))).toBe(false);
    expect(targets(report({})).filter((target) => target.name.includes("label")).map((target) => target.pass)).toEqual([true, true]);
  });

  it("judges a password reset request's time for a known address against an unknown one, both ways, when measured", () => {
    const verdict = (ratio: number) =>
      targets(report({}, { passwordReset: { knownMs: ratio, unknownMs: 1, ratio, minResponseMs: 20, unpadded: { knownMs: 2, unknownMs: 1, ratio: 2 } } })).find((target) =>
        target.name.startsWith("Password reset request"),
      );
    expect(verdict(1.0)).toMatchObject({ shown: "1.00x", pass: true });
    expect(verdict(1.3)).toMatchObject({ pass: false }); // a known address slower: the timing tells
    expect(verdict(0.75)).toMatchObject({ pass: false }); // or faster
    expect(targets(report({})).some((target) => target.name.startsWith("Password reset request"))).toBe(false);
    const markdown = toMarkdown(report({}, { passwordReset: { knownMs: 20.5, unknownMs: 20.4, ratio: 1.01, minResponseMs: 20, unpadded: { knownMs: 2.5, unknownMs: 1.8, ratio: 1.39 } } }));
    expect(markdown).toContain("with a 20 ms `PASSWORD_RESET_MIN_RESPONSE_MS`: an address with an account 20.50 ms, without one 20.40 ms; known / unknown 1.01x");
    expect(markdown).toContain("2.50 ms and 1.80 ms, 1.39x");
  });

  it("writes the verdicts and the framework's floor into the Markdown", () => {
    const markdown = toMarkdown(report({ "page /sign-in (no data)": 500, "page / (signed in)": 100 }));
    expect(markdown).toContain("| Peak app server RSS | 300 MB | <= 350 MB | pass |");
    expect(markdown).toContain("| Sync delivery p99 at 1,000 open streams | 20 ms | < 100 ms | pass |");
    expect(markdown).toContain("| Memory per open stream (RSS growth / streams) | 30.0 kB | < 50 kB | pass |");
    expect(markdown).toContain("| 1,000 | 10 | 2 | 20 | 30 | 200 |");
    expect(markdown).toContain("the app 30.0 kB (200 MB to 230 MB); tRPC's own SSE subscription with nothing else (bench/servers/bare-sse-server.ts, the floor) 25.0 kB: 1.20x of it.");
    expect(markdown).toContain("| Signed-in page / with 50 tasks / page /sign-in (req/s) | 0.20x | >= 0.6x | **FAIL** |");
    expect(markdown).toContain("(/sign-in, no data) runs at 0.50x of task.list; the signed-in page with its data at 0.20x of that floor");
    expect(markdown).toContain("- The document (the first rows, and the whole first page's data in its inline RSC payload): 85.0 kB of HTML, 12.0 kB gzipped.");
  });
});
