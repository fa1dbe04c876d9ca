// Loaded into the benchmark's app server only (`node --expose-gc --import ./bench/servers/gc-on-signal.mjs`):
// SIGUSR2 runs a full garbage collection, so the harness measures the memory that open streams keep, not
// the garbage their set-up left behind.
process.on("SIGUSR2", () => globalThis.gc?.());
