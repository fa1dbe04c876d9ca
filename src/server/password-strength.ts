import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * Password strength as NIST SP 800-63B (5.1.1.2) and OWASP ASVS 5 (V6.2) ask for it: no composition
 * rules, but no repetitive or sequential passwords ("aaaaaaaaaaaa", "abcdefghijkl", keyboard rows) and no
 * words from the context (the user's email and name, the app's name). zxcvbn-ts estimates how many guesses
 * a password takes, with those words as user inputs; its score (0..4) must reach `PASSWORD_MIN_STRENGTH`.
 * The estimator and its dictionaries load on first use, not at import.
 */
let estimator: Promise<ZxcvbnFactory> | undefined;

function load(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([{ ZxcvbnFactory }, common]) => new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/** zxcvbn's warnings (its translation keys), in words; anything else gets the general advice. */
const WARNINGS: Record<string, string> = {
  simpleRepeat: "Repeated characters like \"aaa\" are easy to guess",
  extendedRepeat: "Repeated patterns like \"abcabcabc\" are easy to guess",
  sequences: "Sequences like \"abc\" or \"6543\" are easy to guess",
  straightRow: "Rows of keys on your keyboard are easy to guess",
  keyPattern: "Short keyboard patterns are easy to guess",
  recentYears: "Recent years are easy to guess",
  dates: "Dates are easy to guess",
  userInputs: "It should not contain your name, your email or the app's name",
  topTen: "This is a heavily used password",
  topHundred: "This is a frequently used password",
  common: "This is a commonly used password",
  similarToCommon: "This is similar to a commonly used password",
  wordByItself: "Single words are easy to guess",
  namesByThemselves: "Single names or surnames are easy to guess",
  commonNames: "Common names and surnames are easy to guess",
};

/** Words a password must not be built from: each input, and an email's local part and its words. */
export function contextWords(...inputs: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    if (!input) continue;
    words.add(input.toLowerCase());
    const local = input.includes("@") ? input.slice(0, input.indexOf("@")) : input;
    for (const part of [local, ...local.split(/[^\p{L}\p{N}]+/u)]) if (part.length >= 3) words.add(part.toLowerCase());
  }
  return [...words];
}

/**
 * Why `password` is too weak (a sentence for the user), or `null` when its score reaches `minScore`.
 *
 * @example await passwordWeakness("aaaaaaaaaaaa", ["ada@example.com"], 3) // 'Repeated characters like "aaa" ...'
 */
export async function passwordWeakness(password: string, context: readonly string[], minScore: number): Promise<string | null> {
  const result = (await load()).check(password, [...context]);
  if (result.score >= minScore) return null;
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return `This password is too easy to guess${warning ? `: ${warning.charAt(0).toLowerCase()}${warning.slice(1)}` : ""}. Try a few unrelated words, or a longer passphrase.`;
}
