import { createAuthClient } from "better-auth/react";

/** Better Auth's browser client: sign-up, sign-in, sign-out, session. Same origin as the app. */
export const authClient = createAuthClient();
