import { getApp } from "@/server/server";

/** Better Auth's endpoints: sign-up, sign-in, sessions, `/token` (JWT) and `/jwks`. */
const handler = (req: Request) => getApp().handleAuth(req);

export { handler as GET, handler as POST };
