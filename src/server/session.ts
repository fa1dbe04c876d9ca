import { headers } from "next/headers";
import { getApp } from "./server";

/** The user a page is rendered for, from the session cookie. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
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
  const { id, name, email } = session.user;
  return { id, name, email };
}

/** Password length rules, for the sign-up form to check before sending. */
export function getPasswordRules() {
  return getApp().config.password;
}
