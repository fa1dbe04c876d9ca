import { describe, expect, it } from "vitest";
import { lazyModule } from "./use-lazy-module";

describe("lazyModule", () => {
  it("fetches once for every caller", async () => {
    let fetches = 0;
    const load = lazyModule(async () => ({ value: ++fetches }));
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toEqual({ value: 1 });
    expect(load.loaded).toBe(a);
    expect(fetches).toBe(1);
  });

  it("tries again after a failed fetch (offline), and keeps the module once it came", async () => {
    let fetches = 0;
    const load = lazyModule(async () => {
      fetches += 1;
      if (fetches === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return { value: fetches };
    });
    await expect(load()).rejects.toThrow("Failed to fetch");
    expect(load.loaded).toBeUndefined();
    expect(await load()).toEqual({ value: 2 });
    expect(await load()).toEqual({ value: 2 });
    expect(fetches).toBe(2);
  });
});
