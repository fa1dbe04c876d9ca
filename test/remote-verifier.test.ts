import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteTokenVerifier, KeySetUnavailableError, verifyAccessToken } from "@/client/remote-verifier";
import { rotateSigningKey } from "@/server/signing-keys";
import { createTestApp, TEST_ORIGIN, type TestApp, type TestUser } from "./fixtures/test-app";

describe("verifying the app's tokens in another service (remote JWKS)", () => {
  let app: TestApp;
  let user: TestUser;
  let jwksRequests = 0;
  /** The service reaches the app over HTTP (in process here), counting key-set fetches. */
  const overHttp: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === "/api/auth/jwks") jwksRequests += 1;
    return app.fetch(request);
  };

  beforeAll(async () => {
    app = await createTestApp();
    user = await app.signUp();
  });
  afterAll(() => app.close());

  it("accepts the app's tokens, fetching the key set once", async () => {
    const verifier = createRemoteTokenVerifier({ issuer: TEST_ORIGIN, fetch: overHttp });
    jwksRequests = 0;
    for (let i = 0; i < 5; i += 1) expect(await verifier.verify(user.token)).toEqual({ ok: true, userId: user.id });
    expect(jwksRequests).toBe(1);
  });

  it("refuses a token for another audience or issuer, and garbage", async () => {
    const otherAudience = createRemoteTokenVerifier({ issuer: TEST_ORIGIN, audience: "https://billing.example", fetch: overHttp });
    expect(await otherAudience.verify(user.token)).toEqual({ ok: false, reason: "invalid" });
    const otherIssuer = createRemoteTokenVerifier({ issuer: "https://elsewhere.example", jwksUrl: `${TEST_ORIGIN}/api/auth/jwks`, fetch: overHttp });
    expect(await otherIssuer.verify(user.token)).toEqual({ ok: false, reason: "invalid" });
    const verifier = createRemoteTokenVerifier({ issuer: TEST_ORIGIN, fetch: overHttp });
    expect(await verifier.verify("not.a.jwt")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifier.verify("")).toEqual({ ok: false, reason: "missing" });
  });

  it("picks up a rotated key at once", async () => {
    const verifier = createRemoteTokenVerifier({ issuer: TEST_ORIGIN, fetch: overHttp, refreshCooldownSeconds: 3600 });
    expect(await verifier.verify(user.token)).toMatchObject({ ok: true });
    await rotateSigningKey(app.db);
    const rotated = await app.tokenFor(user.cookie);
    expect(await verifier.verify(rotated)).toEqual({ ok: true, userId: user.id });
    expect(await verifier.verify(user.token)).toEqual({ ok: true, userId: user.id });
  });

  it("reports an unreachable or broken key set as an outage, not as a bad token", async () => {
    const down = createRemoteTokenVerifier({ issuer: "http://127.0.0.1:9" });
    await expect(down.verify(user.token)).rejects.toBeInstanceOf(KeySetUnavailableError);
    const notJwks = createRemoteTokenVerifier({ issuer: TEST_ORIGIN, jwksUrl: `${TEST_ORIGIN}/api/auth/ok`, fetch: overHttp });
    await expect(notJwks.verify(user.token)).rejects.toThrow(/did not answer a JSON Web Key Set/);
  });

  it("verifyAccessToken reuses one verifier per issuer", async () => {
    jwksRequests = 0;
    const options = { issuer: TEST_ORIGIN, jwksUrl: `${TEST_ORIGIN}/api/auth/jwks?shorthand`, fetch: overHttp };
    expect(await verifyAccessToken(user.token, options)).toEqual({ ok: true, userId: user.id });
    expect(await verifyAccessToken(user.token, options)).toEqual({ ok: true, userId: user.id });
    expect(jwksRequests).toBe(1);
  });
});
