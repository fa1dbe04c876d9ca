import { createAccessTokenStore, type TokenSource } from "@/shared/access-token-store";

export { NotSignedInError } from "@/shared/access-token-store";

/** The browser's token source: `GET /api/auth/token` with the session cookie. */
export const fetchAccessToken: TokenSource = async () => {
  const res = await fetch("/api/auth/token", { credentials: "same-origin", cache: "no-store" });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`Could not get an access token (HTTP ${res.status})`);
  const body = (await res.json()) as { token?: unknown };
  if (typeof body.token !== "string") throw new Error("Could not get an access token (unexpected response)");
  return body.token;
};

/** The browser-wide store every tRPC request takes its token from. */
export const accessTokens = createAccessTokenStore(fetchAccessToken);
