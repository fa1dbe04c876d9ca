/** Better Auth's error, in words a user can act on; `retryAfterSeconds` from the 429's `Retry-After`. */
export function describeAuthError(error: { status: number; message?: string; code?: string }, retryAfterSeconds?: number | null): string {
  if (error.status === 429) return `Too many attempts. Try again in ${waitText(retryAfterSeconds)}.`;
  // The server trusts only BETTER_AUTH_URL's origin (its CSRF check): say what to set, not only "Invalid origin".
  if (error.code === "INVALID_ORIGIN") {
    return `This server does not accept sign-ins from ${window.location.origin}. Open the app at the address in its BETTER_AUTH_URL, or set BETTER_AUTH_URL=${window.location.origin} and restart the server.`;
  }
  if (error.status >= 500) return "The server could not complete this. Please try again.";
  return error.message || "That did not work. Please check your details and try again.";
}

/** "a minute", "12 seconds": how long a rate-limited user waits (a minute when the server did not say). */
export function waitText(seconds: number | null | undefined): string {
  if (!seconds || !Number.isFinite(seconds) || seconds <= 0) return "a minute";
  if (seconds < 90) return `${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
