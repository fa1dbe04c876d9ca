import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "./fixtures/test-app";

/** Passwords (OWASP ASVS 5, V6.2): 12 to 128 characters, and never one of the most common ones. */
describe("password policy", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const signUp = (password: string) =>
    app.fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: `p-${Math.random()}@example.com`, name: "P", password }),
    });
  const userCount = async () => (await app.db.selectFrom("user").select("id").execute()).length;

  it.each([
    ["11 characters", "abcdefghijk", /too short/i],
    ["129 characters", "a".repeat(129), /too long/i],
    ["a common password", "qwerty123456", /too common/],
    ["a common password in other letter case", "QWERTY123456", /too common/],
    ["another common one", "1qaz2wsx3edc", /too common/],
  ])("refuses %s at sign-up, creating no user", async (_, password, message) => {
    const before = await userCount();
    const res = await signUp(password);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
    expect(await userCount()).toBe(before);
  });

  it("accepts 12 and 128 characters that are not common", async () => {
    expect((await signUp("tulip-orbit-9")).status).toBe(200);
    expect((await signUp("x7".repeat(64))).status).toBe(200);
  });

  it("refuses a common new password on change, keeping the old one", async () => {
    const user = await app.signUp();
    const res = await app.fetch("/api/auth/change-password", {
      method: "POST",
      headers: { cookie: user.cookie, origin: TEST_ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: "123qweasdzxc" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("PASSWORD_TOO_COMMON");
    const signIn = await app.fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
  });
});
