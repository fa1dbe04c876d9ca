/**
 * A fresh idempotency key for `task.create` (32 hex digits from the browser's CSPRNG). Not
 * `crypto.randomUUID()`: that exists only in secure contexts, and the app may be opened over plain
 * HTTP on a LAN address.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
