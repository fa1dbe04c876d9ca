import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sqlitePath } from "@/server/db";
import { ConfigError, loadConfig, redactDatabaseUrl } from "@/server/env";

const SECRET = "s".repeat(32);

describe("configuration", () => {
  it("has safe defaults for everything but the secret", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET })).toMatchObject({
      nodeEnv: "development",
      baseUrl: "http://localhost:3000",
      databaseUrl: "./data/app.db",
      secret: SECRET,
      accessTokenTtlSeconds: 900,
      jwks: { rotationIntervalSeconds: 2_592_000, gracePeriodSeconds: 86_400, refreshCooldownSeconds: 30, cacheMaxAgeSeconds: 300 },
      password: { minLength: 12, maxLength: 128 },
      authRateLimit: { enabled: false },
      pageRenderConcurrency: 4,
    });
  });

  it("keeps mail in the development outbox unless SMTP_URL is set; production without it sends none", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET }).mail).toMatchObject({ transport: "outbox", smtpUrl: null, from: "Tasks <no-reply@localhost>" });
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, NODE_ENV: "production" }).mail.transport).toBe("none");
    const smtp = loadConfig({ BETTER_AUTH_SECRET: SECRET, NODE_ENV: "production", SMTP_URL: "smtps://u:p@mail.example.com:465", MAIL_FROM: "Tasks <t@example.com>" });
    expect(smtp.mail).toMatchObject({ transport: "smtp", smtpUrl: "smtps://u:p@mail.example.com:465", from: "Tasks <t@example.com>" });
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET }).passwordReset).toEqual({ ttlSeconds: 3_600, minResponseMs: 250 });
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET }).mail).toMatchObject({ perAddressMax: 5, perAddressWindowSeconds: 3_600 });
  });

  it("asks for email verification (optional) where mail can be sent, and never where it cannot", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET }).emailVerification).toEqual({ mode: "optional", ttlSeconds: 86_400 });
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, NODE_ENV: "production" }).emailVerification.mode).toBe("off");
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, NODE_ENV: "production", SMTP_URL: "smtp://mail.example.com", EMAIL_VERIFICATION: "required" }).emailVerification.mode).toBe("required");
  });

  it("turns Better Auth's rate limiter on in production by default", () => {
    expect(loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: SECRET }).authRateLimit.enabled).toBe(true);
    expect(
      loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: SECRET, AUTH_RATE_LIMIT_ENABLED: "false" }).authRateLimit.enabled,
    ).toBe(false);
  });

  it("reads a postgres:// DATABASE_URL as PostgreSQL, anything else as SQLite", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, DATABASE_URL: "postgres://app:pw@db.internal:5432/tasks" })).toMatchObject({
      databaseDialect: "postgres",
      databasePoolMax: 10,
    });
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, DATABASE_URL: "postgresql://app@db/tasks" }).databaseDialect).toBe("postgres");
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, DATABASE_URL: "file:./data/app.db" }).databaseDialect).toBe("sqlite");
  });

  it("keeps a PostgreSQL password out of log lines", () => {
    expect(redactDatabaseUrl("postgres://app:s3cret@db.internal:5432/tasks?sslmode=require&password=x")).toBe("postgres://app:***@db.internal:5432/tasks");
    expect(redactDatabaseUrl("./data/app.db")).toBe("./data/app.db");
  });

  it("turns key rotation off with JWKS_ROTATION_INTERVAL_SECONDS=0", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, JWKS_ROTATION_INTERVAL_SECONDS: "0" }).jwks.rotationIntervalSeconds).toBeNull();
  });

  it("development: the default origin is the dev server's port, and its loopback origins are trusted", () => {
    const onPort = loadConfig({ BETTER_AUTH_SECRET: SECRET, PORT: "3300" });
    expect(onPort.baseUrl).toBe("http://localhost:3300");
    expect(onPort.trustedOrigins).toEqual(["http://localhost:3300", "http://127.0.0.1:3300", "http://[::1]:3300"]);
    // BETTER_AUTH_URL from .env says 3000, the server listens on 3300: both ports' loopback origins work.
    const both = loadConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "http://localhost:3000", PORT: "3300" });
    expect(both.baseUrl).toBe("http://localhost:3000");
    expect(both.trustedOrigins).toEqual(expect.arrayContaining(["http://localhost:3000", "http://127.0.0.1:3000", "http://localhost:3300", "http://127.0.0.1:3300"]));
    expect(both.trustedOrigins.every((origin) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/.test(origin))).toBe(true);
  });

  it("production and tests trust exactly BETTER_AUTH_URL, whatever PORT says", () => {
    for (const NODE_ENV of ["production", "test"]) {
      const config = loadConfig({ NODE_ENV, BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "https://tasks.example.com", PORT: "3300" });
      expect(config.trustedOrigins).toEqual(["https://tasks.example.com"]);
    }
    expect(loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: SECRET, PORT: "3300" }).baseUrl).toBe("http://localhost:3000");
  });

  it("reduces BETTER_AUTH_URL to its origin (the JWT issuer and audience)", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "https://tasks.example.com/some/path" }).baseUrl).toBe(
      "https://tasks.example.com",
    );
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: SECRET, DATABASE_URL: "", ACCESS_TOKEN_TTL_SECONDS: "" })).toMatchObject({
      databaseUrl: "./data/app.db",
      accessTokenTtlSeconds: 900,
    });
  });

  it("accepts versioned secrets, newest first", () => {
    const config = loadConfig({ BETTER_AUTH_SECRETS: `1:${"a".repeat(32)},2:${"b".repeat(32)}` });
    expect(config.secrets).toEqual([
      { version: 2, value: "b".repeat(32) },
      { version: 1, value: "a".repeat(32) },
    ]);
    expect(config.secret).toBe("b".repeat(32));
  });

  it.each([
    ["a missing secret", {}, /BETTER_AUTH_SECRET is required/],
    ["a short secret", { BETTER_AUTH_SECRET: "short" }, /at least 32 characters/],
    ["a short versioned secret", { BETTER_AUTH_SECRETS: "1:short" }, /at least 32 characters/],
    ["malformed versioned secrets", { BETTER_AUTH_SECRETS: `x:${SECRET}` }, /entries must look like/],
    ["a base URL that is not http(s)", { BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "ftp://x" }, /BETTER_AUTH_URL/],
    ["a malformed PostgreSQL URL", { BETTER_AUTH_SECRET: SECRET, DATABASE_URL: "postgres://u@h:notaport/db" }, /DATABASE_URL must be a valid postgres/],
    ["a PostgreSQL pool of one (migrations hold a connection while using another)", { BETTER_AUTH_SECRET: SECRET, DATABASE_POOL_MAX: "1" }, /DATABASE_POOL_MAX/],
    ["a token lifetime that is not a number", { BETTER_AUTH_SECRET: SECRET, ACCESS_TOKEN_TTL_SECONDS: "soon" }, /ACCESS_TOKEN_TTL/],
    ["a key grace period shorter than a token's life", { BETTER_AUTH_SECRET: SECRET, JWKS_GRACE_PERIOD_SECONDS: "600" }, /JWKS_GRACE_PERIOD_SECONDS must be at least/],
    ["no page rendering at all", { BETTER_AUTH_SECRET: SECRET, PAGE_RENDER_CONCURRENCY: "0" }, /PAGE_RENDER_CONCURRENCY/],
    ["a live-sync wait over a second", { BETTER_AUTH_SECRET: SECRET, SYNC_COALESCE_MS: "5000" }, /SYNC_COALESCE_MS/],
    ["a mail server URL that is not smtp(s)", { BETTER_AUTH_SECRET: SECRET, SMTP_URL: "http://mail.example.com" }, /SMTP_URL must be an smtp/],
    ["a From address with a line break (header injection)", { BETTER_AUTH_SECRET: SECRET, MAIL_FROM: "Tasks <a@example.com>\r\nBcc: x@example.com" }, /MAIL_FROM/],
    ["required email verification with no way to send mail", { BETTER_AUTH_SECRET: SECRET, NODE_ENV: "production", EMAIL_VERIFICATION: "required" }, /EMAIL_VERIFICATION cannot be required without SMTP_URL/],
    ["an unknown email verification mode", { BETTER_AUTH_SECRET: SECRET, EMAIL_VERIFICATION: "sometimes" }, /EMAIL_VERIFICATION/],
    ["a reset link valid for under a minute", { BETTER_AUTH_SECRET: SECRET, PASSWORD_RESET_TTL_SECONDS: "5" }, /PASSWORD_RESET_TTL_SECONDS/],
    ["a password minimum above the maximum", { BETTER_AUTH_SECRET: SECRET, PASSWORD_MIN_LENGTH: "64", PASSWORD_MAX_LENGTH: "32" }, /PASSWORD_MIN_LENGTH/],
  ])("refuses %s, naming the variable", (_, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ["./data/app.db", "./data/app.db"],
    ["file:./data/app.db", "./data/app.db"],
    ["file:///var/lib/tasks/app.db", "/var/lib/tasks/app.db"],
    [":memory:", ":memory:"],
  ])("reads DATABASE_URL %s as the SQLite path %s", (url, path) => {
    expect(sqlitePath(url)).toBe(path);
  });
});

describe("start-up (npm start, and npm run db:migrate, which dev runs)", () => {
  const root = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), "tasks-startup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a start-up script in production, in a clean environment (no .env files from the repo: cwd is a temp dir). */
  const start = (env: Record<string, string>, script = "scripts/start.ts") =>
    spawnSync(join(root, "node_modules/.bin/tsx"), ["--tsconfig", join(root, "tsconfig.json"), join(root, script)], {
      cwd: dir,
      env: { ...env, PATH: process.env.PATH ?? "", NODE_ENV: "production" },
      encoding: "utf8",
    });

  it("refuses to run in production without a secret: exit code 1 and a clear message", () => {
    const result = start({ DATABASE_URL: join(dir, "a.db") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Refusing to start");
    expect(result.stderr).toContain("BETTER_AUTH_SECRET is required");
  });

  it("refuses a short secret in production", () => {
    const result = start({ DATABASE_URL: join(dir, "a.db"), BETTER_AUTH_SECRET: "too-short" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("at least 32 characters");
  });

  it("creates and migrates the database with a proper secret, idempotently", () => {
    const env = { DATABASE_URL: join(dir, "nested", "app.db"), BETTER_AUTH_SECRET: SECRET };
    const first = start(env, "scripts/migrate.ts");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("applied 0001_create_task");
    const second = start(env, "scripts/migrate.ts");
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain("applied");
  });

  it("refuses a secret that cannot decrypt the signing keys, until the old one is kept or the key retired", () => {
    const database = { DATABASE_URL: join(dir, "secret-changed.db") };
    const other = "another-secret-of-at-least-32-characters";
    expect(start({ ...database, BETTER_AUTH_SECRET: SECRET }, "scripts/migrate.ts").status).toBe(0);

    const changed = start({ ...database, BETTER_AUTH_SECRET: other });
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain("Refusing to start. The configured secret cannot decrypt the JWT signing key in the database");
    expect(changed.stderr).toContain("npm run keys:rotate");
    expect(changed.stderr).not.toContain(other);
    expect(start({ ...database, BETTER_AUTH_SECRET: other }, "scripts/migrate.ts").status).toBe(1);

    // Rotating as documented: the old secret kept as version 1.
    expect(start({ ...database, BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_SECRETS: `2:${other},1:${SECRET}` }, "scripts/migrate.ts").status).toBe(0);

    // The old secret lost: the key retired, the next one is made with the new secret.
    expect(start({ ...database, BETTER_AUTH_SECRET: other }, "scripts/rotate-key.ts").status).toBe(0);
    const recovered = start({ ...database, BETTER_AUTH_SECRET: other }, "scripts/migrate.ts");
    expect(recovered.stderr).toBe("");
    expect(recovered.status).toBe(0);
  });
});
