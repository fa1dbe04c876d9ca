/**
 * A second service that trusts the app's access tokens: it never sees a password or a session, it
 * fetches the app's public keys from `/api/auth/jwks` and verifies each Bearer token locally.
 *
 *   TASKS_URL=http://localhost:3000 PORT=4000 npx tsx examples/second-service.ts
 *   curl -H "Authorization: Bearer $TOKEN" http://localhost:4000/whoami   # {"userId":"…"}
 */
import { createServer } from "node:http";
import { createRemoteTokenVerifier, KeySetUnavailableError } from "../src/client/remote-verifier";

const issuer = process.env.TASKS_URL ?? "http://localhost:3000";
const port = Number(process.env.PORT ?? 4000);
const verifier = createRemoteTokenVerifier({ issuer });

const server = createServer(async (req, res) => {
  const reply = (status: number, body: object, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  };
  if (req.url !== "/whoami") return reply(404, { error: "Not found" });

  const token = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
  try {
    const result = await verifier.verify(token);
    if (!result.ok) return reply(401, { error: result.reason }, { "www-authenticate": "Bearer" });
    return reply(200, { userId: result.userId });
  } catch (error) {
    // The keys could not be fetched: the app is down, the token may well be fine.
    if (error instanceof KeySetUnavailableError) return reply(503, { error: "Token keys unavailable" });
    throw error;
  }
});

server.listen(port, "127.0.0.1", () => console.log(`second service on http://127.0.0.1:${port}, trusting ${issuer}`));
