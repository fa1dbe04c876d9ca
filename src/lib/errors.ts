import { TRPCClientError } from "@trpc/client";

/** A message fit to show a user for anything a call may throw. Server messages are already human. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    // No HTTP response at all: the request never reached the server.
    if (!error.data && /fetch|network/i.test(error.message)) return "Could not reach the server. Check your connection and try again.";
    return error.message;
  }
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}

/** Whether `error` is the API saying the caller is not (or no longer) signed in. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
}
