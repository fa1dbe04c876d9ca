import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";

/** One call's outcome, as a load client records it: acknowledged (with the task id) or refused. */
export type Outcome = { ok: true; id: string } | { ok: false; status: number; body: string };

const PASSWORD = "correct horse battery staple";

/**
 * Signs a new user up on `baseUrl` and gets an access token, as any client does. `origin` is the app's
 * public origin (BETTER_AUTH_URL), which differs from `baseUrl` when instances share one.
 */
export async function signUpUser(baseUrl: string, origin = baseUrl): Promise<{ id: string; token: string }> {
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: `load-${randomUUID()}@example.com`, name: "Load", password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { token } = (await (await fetch(`${baseUrl}/api/auth/token`, { headers: { cookie } })).json()) as { token: string };
  return { id: user.id, token };
}

/** Calls a mutation over HTTP (superjson on the wire); a network failure rejects. */
export async function mutate(baseUrl: string, token: string, path: string, input: object): Promise<Outcome> {
  const res = await fetch(`${baseUrl}/api/trpc/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  const body = await res.text();
  if (!res.ok) return { ok: false, status: res.status, body };
  return { ok: true, id: (JSON.parse(body) as { result: { data: { json: { id: string } } } }).result.data.json.id };
}

/** What the database file holds, read directly (the server may be dead): integrity and each user's task ids. */
export function inspectDatabase(file: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    const rows = db.prepare("select id, user_id from task").all() as { id: string; user_id: string }[];
    const tasksOf = (userId: string) => new Set(rows.filter((r) => r.user_id === userId).map((r) => r.id));
    return { integrity, tasksOf };
  } finally {
    db.close();
  }
}
