/** A signed-in user: the session cookie a browser holds and the access token an API client holds. */
export interface Credentials {
  /** `name=value` of the session cookie. */
  cookie: string;
  token: string;
}

/** Signs in over HTTP, as a browser would, then asks for an access token (`/api/auth/token`). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Credentials> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`Sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.includes("session_token="));
  if (!cookie) throw new Error(`Sign-in as ${email} set no session cookie`);
  const tokenResponse = await fetch(`${baseUrl}/api/auth/token`, { headers: { cookie } });
  if (!tokenResponse.ok) throw new Error(`No access token for ${email}: ${tokenResponse.status}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  return { cookie, token };
}
