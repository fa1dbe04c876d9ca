import { isAPIError } from "better-auth/api";
import type { Auth } from "./auth";

/**
 * An access token for the session in `headers`, minted as `GET /api/auth/token` mints one, or `null`
 * when Better Auth refuses (no session, or an unconfirmed address under `EMAIL_VERIFICATION=required`).
 * Any other failure (the database, a signing key the secret cannot decrypt) is thrown: read as "signed
 * out", it would send a signed-in user to `/sign-in`, which sends them straight back.
 */
export async function mintAccessToken(auth: Auth, headers: Headers): Promise<string | null> {
  try {
    return (await auth.api.getToken({ headers })).token;
  } catch (error) {
    if (isAPIError(error) && error.statusCode < 500) return null;
    throw error;
  }
}
