import { sql } from "kysely";
import type { Db } from "./db";

/** What `GET /api/health` reports. */
export interface Health {
  status: "ok" | "unavailable";
  database: "reachable" | "unreachable";
}

/**
 * Whether this instance can serve, for a load balancer or an orchestrator: the database answers a
 * trivial query within `timeoutMs`. 200 when it does, 503 when not; no detail of the failure (the
 * endpoint is public), never cached.
 */
export async function healthResponse(db: Db, { timeoutMs = 2_000 }: { timeoutMs?: number } = {}): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ping = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  const reachable = await Promise.race([ping, timeout]).finally(() => clearTimeout(timer));
  const health: Health = reachable ? { status: "ok", database: "reachable" } : { status: "unavailable", database: "unreachable" };
  return Response.json(health, { status: reachable ? 200 : 503, headers: { "cache-control": "no-store" } });
}
