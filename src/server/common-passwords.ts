/**
 * The most common passwords (zxcvbn's list of ~49,000, from public breaches), refused at sign-up and on
 * every password change: OWASP ASVS 5, V6.2. Loaded on first use, not at import.
 */
let common: Promise<Set<string>> | undefined;

function load(): Promise<Set<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(({ dictionary }) => new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())));
  return common;
}

/** Whether `password` (in any letter case) is on the common-password list. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await load()).has(password.toLowerCase());
}
