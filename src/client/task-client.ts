/**
 * The typed client for TypeScript programs (scripts, services, the CLI): signs in over HTTP,
 * keeps a short-lived access token, and calls the API's procedures with full types.
 *
 * @example
 * const tasks = await createTaskClient({ baseUrl: "http://localhost:3000", email, password });
 * await tasks.task.create.mutate({ title: "From a script" });
 * await tasks.signOut();
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, retryLink, splitLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { CLIENT_BATCH_MAX_ITEMS } from "@/shared/batch-size";
import { createAccessTokenStore } from "../shared/access-token-store";
import type { AppRouter } from "../server/trpc/routers/_app";

/** How the client authenticates: a password sign-in, an existing session cookie, or a ready access token. */
export type TaskClientCredentials =
  /** `otp`: for an account with two-factor sign-in, the authenticator's current code or one of its backup codes. */
  | { email: string; password: string; otp?: string }
  | { sessionCookie: string }
  | { accessToken: string };

export type TaskClientOptions = TaskClientCredentials & {
  /** The app's public origin, e.g. `https://tasks.example.com`. */
  baseUrl: string;
  /** For tests and special transports; defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Sent when signing in, so the account page's session list can name this client. Default
   * `taskmanager-client` (the CLI sends `tasks-cli`).
   */
  userAgent?: string;
};

/** The User-Agent a program's session is recorded with, unless it names itself (`userAgent`). */
export const CLIENT_USER_AGENT = "taskmanager-client";

/** Why signing in or getting a token failed. */
export type TaskClientErrorCode =
  | "INVALID_CREDENTIALS"
  | "TWO_FACTOR_REQUIRED"
  | "INVALID_TWO_FACTOR_CODE"
  | "NOT_SIGNED_IN"
  | "EMAIL_NOT_VERIFIED"
  | "RATE_LIMITED"
  | "UNREACHABLE"
  | "SERVER_ERROR";

/** A failure outside the API's own procedures (those throw `TRPCClientError`). */
export class TaskClientError extends Error {
  override name = "TaskClientError";
  constructor(
    readonly code: TaskClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The typed API plus the session around it. */
export type TaskClient = TRPCClient<AppRouter> & {
  /** Ends the session (no new tokens); a token already issued stays valid until it expires (15 min by default). */
  signOut(): Promise<void>;
  /** The session cookie, to store and pass as `sessionCookie` next time (null for token-only clients). */
  readonly sessionCookie: string | null;
};

const statusError = (status: number, what: string): TaskClientError =>
  status === 429
    ? new TaskClientError("RATE_LIMITED", `${what}: too many attempts, try again later`)
    : new TaskClientError("SERVER_ERROR", `${what}: the server answered HTTP ${status}`);

/**
 * Ends a session on the server (Better Auth's sign-out), for a program that kept only the cookie.
 * A token already issued from it stays valid until it expires.
 *
 * @throws {TaskClientError} when the server is unreachable or refuses.
 */
export async function signOutSession({ baseUrl, sessionCookie, fetch: doFetch = fetch }: { baseUrl: string; sessionCookie: string; fetch?: typeof fetch }) {
  const origin = new URL(baseUrl).origin;
  // Better Auth checks the Origin of cookie-authenticated POSTs (a program sends the app's own) and,
  // outside NODE_ENV=test, wants a JSON body on every POST.
  const res = await send(doFetch, origin, "/api/auth/sign-out", {
    method: "POST",
    headers: { cookie: sessionCookie, origin, "content-type": "application/json" },
    body: "{}",
  });
  if (!res.ok) throw statusError(res.status, "Sign-out failed");
}

/** The `name=value` pairs of an answer's `Set-Cookie` headers, as a `Cookie` header. */
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/** One HTTP request to the app; a network failure becomes an `UNREACHABLE` {@link TaskClientError}. */
async function send(doFetch: typeof fetch, origin: string, path: string, init?: RequestInit): Promise<Response> {
  try {
    return await doFetch(`${origin}${path}`, init);
  } catch (cause) {
    throw Object.assign(new TaskClientError("UNREACHABLE", `Cannot reach ${origin}`), { cause });
  }
}

/**
 * Signs in (when given a password) and returns a typed client whose calls carry a valid access token:
 * fetched from `/api/auth/token`, reused until shortly before it expires, fetched again once after a 401.
 *
 * @throws {TaskClientError} when the credentials are wrong, the server is unreachable, or it refuses.
 */
export async function createTaskClient(options: TaskClientOptions): Promise<TaskClient> {
  const baseUrl = new URL(options.baseUrl).origin;
  const doFetch = options.fetch ?? fetch;
  const request = (path: string, init?: RequestInit) => send(doFetch, baseUrl, path, init);
  // Better Auth checks the Origin of cookie-authenticated POSTs; a program sends the app's own.
  const origin = { origin: baseUrl };

  let sessionCookie: string | null = "sessionCookie" in options ? options.sessionCookie : null;
  if ("password" in options) {
    const res = await request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": options.userAgent ?? CLIENT_USER_AGENT, ...origin },
      body: JSON.stringify({ email: options.email, password: options.password }),
    });
    if (res.status === 401 || res.status === 400) throw new TaskClientError("INVALID_CREDENTIALS", "Invalid email or password");
    if (!res.ok) throw statusError(res.status, "Sign-in failed");
    sessionCookie = cookiesOf(res);
    // Two-factor sign-in: the password got no session, only the second step's cookie.
    if (((await res.json().catch(() => null)) as { twoFactorRedirect?: boolean } | null)?.twoFactorRedirect) {
      if (!options.otp) throw new TaskClientError("TWO_FACTOR_REQUIRED", "This account uses two-factor sign-in: give the code from its authenticator app (or a backup code)");
      const code = options.otp.trim();
      // Six digits: the authenticator's code; anything else: a backup code.
      const step = await request(/^\d{6}$/.test(code) ? "/api/auth/two-factor/verify-totp" : "/api/auth/two-factor/verify-backup-code", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: sessionCookie, ...origin },
        body: JSON.stringify({ code }),
      });
      if (step.status === 401 || step.status === 400) throw new TaskClientError("INVALID_TWO_FACTOR_CODE", "Invalid two-factor code: sign in again with the current one");
      if (!step.ok) throw statusError(step.status, "Sign-in failed");
      sessionCookie = cookiesOf(step);
    }
  }

  // A ready token is sent as it is (the server judges it); otherwise tokens come from the session.
  const fixedToken = "accessToken" in options ? options.accessToken : null;
  const tokens = createAccessTokenStore(async () => {
    const res = await request("/api/auth/token", { headers: { cookie: sessionCookie ?? "" } });
    if (res.status === 401) return null;
    // EMAIL_VERIFICATION=required: the session is fine, but no token until the address is confirmed.
    if (res.status === 403) {
      const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
      if (body?.code === "EMAIL_NOT_VERIFIED") throw new TaskClientError("EMAIL_NOT_VERIFIED", body.message ?? "Confirm your email address first");
    }
    if (!res.ok) throw statusError(res.status, "Getting an access token failed");
    return ((await res.json()) as { token: string }).token;
  });

  /** The Authorization header of a call: the fixed token, or the session's current one (none without a session). */
  const authorization = async (): Promise<Record<string, string>> => {
    try {
      return { authorization: `Bearer ${fixedToken ?? (await tokens.get())}` };
    } catch (error) {
      // No session: the API answers UNAUTHORIZED, which the caller sees as a TRPCClientError.
      if (error instanceof Error && error.name === "NotSignedInError") return {};
      throw error;
    }
  };

  const api = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // Subscriptions (sync.changes) over SSE with the Bearer token in a header, never in the URL. The
        // EventSource asks for the token on every (re)connection: a stream ends at its token's exp and
        // comes back with a fresh one and its Last-Event-ID.
        true: httpSubscriptionLink({
          url: `${baseUrl}/api/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: async (input, init) => doFetch(input, { ...init, headers: { ...init?.headers, ...(await authorization()) } }),
          }),
        }),
        false: [
          retryLink({
            retry: ({ error, attempts }) => {
              const unauthorized = error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
              if (!unauthorized || attempts > 1 || fixedToken) return false;
              tokens.clear();
              return true;
            },
          }),
          httpBatchLink({
            url: `${baseUrl}/api/trpc`,
            transformer: superjson,
            fetch: (url, init) => doFetch(url, init),
            headers: authorization,
            maxItems: CLIENT_BATCH_MAX_ITEMS,
          }),
        ],
      }),
    ],
  });

  // Fail now, with a clear error, rather than on the first call.
  if (!fixedToken) {
    try {
      await tokens.get();
    } catch (error) {
      if (error instanceof Error && error.name === "NotSignedInError") {
        throw new TaskClientError("NOT_SIGNED_IN", "The session is missing or has ended: sign in again");
      }
      throw error;
    }
  }

  const session = {
    get sessionCookie() {
      return sessionCookie;
    },
    async signOut() {
      tokens.clear();
      if (!sessionCookie) return;
      await signOutSession({ baseUrl, sessionCookie, fetch: doFetch });
      sessionCookie = null;
    },
  };
  // The tRPC client is a proxy that reads every property as a procedure path: answer the session's
  // own two names first (so no router may be called `signOut` or `sessionCookie`).
  return new Proxy(api, {
    get: (target, key, receiver) => (key in session ? Reflect.get(session, key) : Reflect.get(target, key, receiver)),
  }) as TaskClient;
}
