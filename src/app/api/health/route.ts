import { getApp } from "@/server/server";

/** `GET /api/health`: 200 when this instance and its database can serve, else 503 (src/server/health.ts). */
export const GET = () => getApp().handleHealth();

// Answered per request: never prerendered at build time (which would need the database).
export const dynamic = "force-dynamic";
