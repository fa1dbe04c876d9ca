import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, type TestUser } from "./fixtures/test-app";

/**
 * RFC 8725 (JWT best current practices) and the usual token attacks, one case each, over HTTP against
 * the real app: every one is 401 UNAUTHORIZED with a message that reveals nothing, never a 500, and
 * changes no row. test/authentication.test.ts covers the everyday cases (expired, wrong issuer, ...).
 */
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

describe("token attacks (RFC 8725)", () => {
  let app: TestApp;
  let alice: TestUser;
  let parts: [string, string, string];
  /** Claims a valid token for Alice would carry. */
  let valid: () => JWTPayload;

  beforeAll(async () => {
    app = await createTestApp();
    alice = await app.signUp();
    parts = alice.token.split(".") as [string, string, string];
    valid = () => ({ sub: alice.id, iss: TEST_ORIGIN, aud: TEST_ORIGIN, iat: now(), exp: now() + 300 });
  });
  afterAll(() => app.close());
  afterEach(() => vi.restoreAllMocks());

  /** Tries to create a task with `authorization`; resolves what the client saw. */
  async function attempt(authorization: string) {
    const res = await app.fetch("/api/trpc/task.create", {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ json: { title: "Planted by an attacker" } }),
    });
    const body = (await res.json()) as { error?: { json: { message: string; data: { code: string } } } };
    return { status: res.status, code: body.error?.json.data.code, message: body.error?.json.message, www: res.headers.get("www-authenticate"), body };
  }

  const attacker = async () => {
    const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    return { privateKey, jwk: await exportJWK(publicKey) };
  };
  const appKid = () => JSON.parse(Buffer.from(parts[0], "base64url").toString()).kid as string;

  const cases: [string, () => Promise<string> | string][] = [
    ["an empty token", () => "Bearer  "],
    ["garbage", () => "Bearer garbage"],
    ["a two-part token", () => `Bearer ${parts[0]}.${parts[1]}`],
    ["a four-part token", () => `Bearer ${alice.token}.${parts[2]}`],
    ["bad base64", () => `Bearer ${parts[0]}.!!!$$$.${parts[2]}`],
    ["a header that is not JSON", () => `Bearer ${b64("not json")}.${parts[1]}.${parts[2]}`],
    ["a payload that is not JSON", () => `Bearer ${parts[0]}.${b64("not json")}.${parts[2]}`],
    ...["none", "None", "NONE", "nOnE"].map((alg): [string, () => string] => [
      `alg: ${alg}`,
      () => `Bearer ${b64({ alg, typ: "JWT" })}.${parts[1]}.`,
    ]),
    ["an empty signature", () => `Bearer ${parts[0]}.${parts[1]}.`],
    [
      "a flipped signature bit",
      () => {
        const signature = Buffer.from(parts[2], "base64url");
        signature[10]! ^= 0x01;
        return `Bearer ${parts[0]}.${parts[1]}.${signature.toString("base64url")}`;
      },
    ],
    ["a tampered payload with the original signature", () => `Bearer ${parts[0]}.${b64({ ...valid(), sub: "someone-else" })}.${parts[2]}`],
    [
      "HS256 signed with the public key (key confusion)",
      async () => {
        const jwks = (await (await app.fetch("/api/auth/jwks")).json()) as { keys: Record<string, string>[] };
        const publicJwk = jwks.keys.find((key) => key.kid === appKid())!;
        const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
        return `Bearer ${await new SignJWT(valid()).setProtectedHeader({ alg: "HS256", kid: appKid() }).sign(secret)}`;
      },
    ],
    ...(["jwk", "jku", "x5u"] as const).map((field): [string, () => Promise<string>] => [
      `an embedded ${field} header pointing at the attacker's key`,
      async () => {
        const key = await attacker();
        const value = field === "jwk" ? key.jwk : "https://attacker.example/keys.json";
        return `Bearer ${await new SignJWT(valid()).setProtectedHeader({ alg: "EdDSA", kid: appKid(), [field]: value }).sign(key.privateKey)}`;
      },
    ]),
    ...["../../../etc/passwd", "' OR '1'='1", "k\u0000id", "x".repeat(600)].map((kid): [string, () => Promise<string>] => [
      `kid injection ${JSON.stringify(kid.slice(0, 20))}`,
      async () => `Bearer ${await new SignJWT(valid()).setProtectedHeader({ alg: "EdDSA", kid }).sign((await attacker()).privateKey)}`,
    ]),
    ["a valid token signed by a foreign key", async () => `Bearer ${await new SignJWT(valid()).setProtectedHeader({ alg: "EdDSA" }).sign((await attacker()).privateKey)}`],
    ["an nbf in the future", async () => `Bearer ${await app.signAsApp({ ...valid(), nbf: now() + 600 })}`],
    ["an iat far in the future", async () => `Bearer ${await app.signAsApp({ ...valid(), iat: now() + 86_400, exp: now() + 90_000 })}`],
    ["no exp", async () => `Bearer ${await app.signAsApp({ ...valid(), exp: undefined })}`],
    ["a non-numeric exp", async () => `Bearer ${await app.signAsApp({ ...valid(), exp: "tomorrow" as unknown as number })}`],
    ["an exp far beyond the token lifetime", async () => `Bearer ${await app.signAsApp({ ...valid(), iat: now() - 3600, exp: now() + 86_400 })}`],
    ["a wrong iss", async () => `Bearer ${await app.signAsApp({ ...valid(), iss: "https://evil.example" })}`],
    ["a wrong aud", async () => `Bearer ${await app.signAsApp({ ...valid(), aud: "https://evil.example" })}`],
    ["an aud list without the app", async () => `Bearer ${await app.signAsApp({ ...valid(), aud: ["https://a.example", "https://b.example"] })}`],
    ["no sub", async () => `Bearer ${await app.signAsApp({ ...valid(), sub: undefined })}`],
    ["an empty sub", async () => `Bearer ${await app.signAsApp({ ...valid(), sub: "" })}`],
    ["a sub of no user", async () => `Bearer ${await app.signAsApp({ ...valid(), sub: "no-such-user" })}`],
    ["a header that is a JSON array", () => `Bearer ${b64([{ alg: "EdDSA" }])}.${parts[1]}.${parts[2]}`],
    ["padding after the signature (one token, one spelling)", () => `Bearer ${alice.token}==`],
    ["a character outside base64url in the signature", () => `Bearer ${alice.token.slice(0, -2)}+/`],
    [
      "a critical header extension the app does not know",
      async () => `Bearer ${await app.signAsApp(valid(), { header: { crit: ["x-policy"], "x-policy": "strict" }, crit: { "x-policy": true } })}`,
    ],
    ["a kid that is not a string", async () => `Bearer ${await app.signAsApp(valid(), { header: { kid: 42 } })}`],
    ["alg Ed25519 (only EdDSA is accepted)", async () => `Bearer ${await app.signAsApp(valid(), { header: { alg: "Ed25519" } })}`],
    ["an iss list", async () => `Bearer ${await app.signAsApp({ ...valid(), iss: [TEST_ORIGIN] as unknown as string })}`],
    ["a numeric sub", async () => `Bearer ${await app.signAsApp({ ...valid(), sub: 42 as unknown as string })}`],
    ["a non-numeric iat", async () => `Bearer ${await app.signAsApp({ ...valid(), iat: "now" as unknown as number })}`],
    ["a sub longer than any user id", async () => `Bearer ${await app.signAsApp({ ...valid(), sub: "u".repeat(256) })}`],
    ["an oversized token (refused before parsing)", () => `Bearer ${parts[0]}.${"A".repeat(50_000)}.${parts[2]}`],
  ];

  it.each(cases)("%s: 401, nothing revealed, nothing changed", async (_, make) => {
    const authorization = await make();
    const outbound = vi.spyOn(globalThis, "fetch");
    const result = await attempt(authorization);
    expect(outbound).not.toHaveBeenCalled(); // no key is fetched from a URL the token names
    expect(result).toMatchObject({ status: 401, code: "UNAUTHORIZED", www: 'Bearer realm="api", error="invalid_token"' });
    expect(["Invalid access token", "Access token expired", expect.stringMatching(/^Authentication required/)]).toContainEqual(result.message);
    expect(JSON.stringify(result.body)).not.toMatch(/stack|jose|JWS|JWT[A-Z]|\.ts:\d+/);
    expect(await app.db.selectFrom("task").select("id").execute()).toEqual([]);
  });

  it("the forged-token helper makes tokens the app accepts (so the cases above test one change each)", async () => {
    const result = await attempt(`Bearer ${await app.signAsApp(valid())}`);
    expect(result.status).toBe(200);
    await app.db.deleteFrom("task").execute();
  });

  it("a flood of unknown kids reloads the key set at most once per cooldown", async () => {
    const loads = vi.spyOn(app.auth.api, "getJwks");
    const key = await attacker();
    const tokens = await Promise.all(
      Array.from({ length: 30 }, (_, i) => new SignJWT(valid()).setProtectedHeader({ alg: "EdDSA", kid: `forged-${i}` }).sign(key.privateKey)),
    );
    const results = await Promise.all(tokens.map((token) => attempt(`Bearer ${token}`)));
    expect(results.every((r) => r.status === 401)).toBe(true);
    expect(loads.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
