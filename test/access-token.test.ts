import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createAccessTokenStore, NotSignedInError } from "@/shared/access-token-store";

/** An unsigned-for-real JWT whose claims the store reads (it never verifies: the server does). */
const jwt = (iat: number, exp: number) =>
  new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setIssuedAt(iat).setExpirationTime(exp).sign(new Uint8Array(32));

/** A store on a fake clock whose source issues tokens of `lifetime` seconds and counts its calls. */
function clockedStore(lifetime: number) {
  const state = { clock: 1_000_000_000, fetches: 0 };
  const store = createAccessTokenStore(async () => {
    state.fetches += 1;
    const now = Math.floor(state.clock / 1000);
    return jwt(now, now + lifetime);
  }, () => state.clock);
  return { store, state };
}

describe("browser access-token store", () => {
  it("reuses a token until a minute before it expires, then fetches a new one", async () => {
    const { store, state } = clockedStore(900);
    const first = await store.get();
    expect(await store.get()).toBe(first);
    state.clock += 839_000; // 61 s before expiry
    expect(await store.get()).toBe(first);
    expect(state.fetches).toBe(1);
    state.clock += 2_000; // 59 s before expiry
    expect(await store.get()).not.toBe(first);
    expect(state.fetches).toBe(2);
  });

  it("refreshes a short-lived token at three quarters of its life", async () => {
    const { store, state } = clockedStore(20);
    await store.get();
    state.clock += 14_000;
    await store.get();
    expect(state.fetches).toBe(1);
    state.clock += 2_000;
    await store.get();
    expect(state.fetches).toBe(2);
  });

  it("shares one request among concurrent callers", async () => {
    let fetches = 0;
    const store = createAccessTokenStore(async () => {
      fetches += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return jwt(Math.floor(Date.now() / 1000), Math.floor(Date.now() / 1000) + 900);
    });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => store.get()));
    expect(new Set(tokens).size).toBe(1);
    expect(fetches).toBe(1);
  });

  it("fetches again after clear(), and ignores a response that raced a clear()", async () => {
    let n = 0;
    const store = createAccessTokenStore(async () => {
      n += 1;
      return jwt(Math.floor(Date.now() / 1000) + n, Math.floor(Date.now() / 1000) + 900);
    });
    const inFlight = store.get();
    store.clear(); // e.g. signed out while the token request was on its way
    await inFlight;
    const next = await store.get();
    expect(n).toBe(2);
    store.clear();
    expect(await store.get()).not.toBe(next);
  });

  it("uses a seeded token (the server-rendered page's) without fetching, unless one is cached", async () => {
    const { store, state } = clockedStore(900);
    const now = Math.floor(state.clock / 1000);
    const seeded = await jwt(now, now + 900);
    store.seed(seeded);
    expect(await store.get()).toBe(seeded);
    expect(state.fetches).toBe(0);
    store.seed("not a jwt");
    expect(await store.get()).toBe(seeded);
  });

  it("rejects with NotSignedInError when there is no session", async () => {
    const store = createAccessTokenStore(async () => null);
    await expect(store.get()).rejects.toBeInstanceOf(NotSignedInError);
  });
});
