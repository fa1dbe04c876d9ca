/**
 * The most calls the browser and the typed client put in one batched request. The server refuses a
 * batch over `API_MAX_BATCH_SIZE` (default 20) as a whole, so a burst of refetches (a tab catching up on
 * many changes) is split into requests of this size instead; keep `API_MAX_BATCH_SIZE` at least this.
 */
export const CLIENT_BATCH_MAX_ITEMS = 10;
