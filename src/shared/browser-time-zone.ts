/**
 * This browser's IANA time zone: a repeating task's days are the user's days. A module of its own, so
 * the task page's quick add takes it without the repeat presets (which only the details panel needs).
 */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
