import { headers } from "next/headers";
import { getApp } from "./server";

/** The user a page is rendered for, from the session cookie. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** Whether the address is confirmed (EMAIL_VERIFICATION). */
  emailVerified: boolean;
  /** Whether signing in also asks for an authenticator code. */
  twoFactorEnabled: boolean;
}

/**
 * For server components: the signed-in user, or `null`. Pages use it to redirect; data itself
 * always goes through the tRPC API and its token check.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Read the request first: it marks the page as dynamic, so `next build` never builds the app to prerender it.
  const requestHeaders = await headers();
  const session = await getApp().auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email, emailVerified, twoFactorEnabled } = session.user;
  return { id, name, email, emailVerified, twoFactorEnabled: twoFactorEnabled === true };
}

/** Password length rules, for the sign-up form to check before sending. */
export function getPasswordRules() {
  return getApp().config.password;
}

/** How the server treats unconfirmed addresses, and how long a verification link works. */
export function getEmailVerification() {
  return getApp().config.emailVerification;
}
