import { getApp } from "@/server/server";

/** The tRPC API. Authentication is the Bearer JWT only, never the session cookie. */
const handler = (req: Request) => getApp().handleTrpc(req);

export { handler as GET, handler as POST };
