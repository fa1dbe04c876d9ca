/**
 * Runs `start` (Next's server start-up) and then gives the process its own `Date` back.
 *
 * Next's server replaces the global `Date` with a wrapper when it loads
 * (`next/dist/server/node-environment-extensions/date.js`), so that Cache Components can tell a
 * prerender that reads the clock. Every `new Date(…)` then goes through `Reflect.construct` with the
 * wrapper as `new.target`, and the dates it makes are slower to serialise: a 50-row `task.list` (four
 * dates a row, turned into strings again by superjson) took about 25 % longer in process (bench/README.md
 * 19). This app cannot use Cache Components (the per-request CSP nonce rules them out), and without them
 * the wrapper only looks at two async storages, so `npm start` puts the native constructor back.
 * The prototype is the same object either way: dates made before still pass `instanceof Date`.
 * (test/native-date.test.ts fails if next.config.mjs turns Cache Components on.)
 */
export async function withNativeDate<T>(start: () => Promise<T>): Promise<T> {
  const NativeDate = globalThis.Date;
  try {
    return await start();
  } finally {
    if (globalThis.Date !== NativeDate) {
      globalThis.Date = NativeDate;
      Object.defineProperty(NativeDate.prototype, "constructor", { value: NativeDate, writable: true, enumerable: false, configurable: true });
    }
  }
}
