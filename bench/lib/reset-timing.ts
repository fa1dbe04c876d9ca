import type { App } from "../../src/server/app";
import { median } from "./report";

/** How long a password reset request takes for addresses with an account and without: medians per round. */
export interface ResetTiming {
  knownMs: number;
  unknownMs: number;
  /** Median over rounds of known / unknown, each pair measured back to back (the target's figure). */
  ratio: number;
}

/** The measurement as the app answers (`minResponseMs`, PASSWORD_RESET_MIN_RESPONSE_MS), and with no floor. */
export interface ResetTimingReport extends ResetTiming {
  minResponseMs: number;
  unpadded: ResetTiming;
}

/**
 * Times `POST /api/auth/request-password-reset` through `app`'s own handler (no network: the difference, if
 * any, is the handler's), alternating a known and an unknown address, `perRound` of each, `rounds` times.
 * The reset mails go to `app`'s transport in the background, as in production.
 */
export async function measureResetTiming(app: App, knownEmails: string[], { rounds, perRound }: { rounds: number; perRound: number }): Promise<ResetTiming> {
  const request = async (email: string) => {
    const started = performance.now();
    const res = await app.handleAuth(
      new Request(`${app.config.baseUrl}/api/auth/request-password-reset`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.config.baseUrl },
        body: JSON.stringify({ email }),
      }),
    );
    if (res.status !== 200) throw new Error(`request-password-reset answered ${res.status}: ${await res.text()}`);
    return performance.now() - started;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < perRound; i++) {
      k.push(await request(knownEmails[i % knownEmails.length]!));
      u.push(await request(`nobody-${round}-${i}@bench.test`));
    }
    known.push(median(k));
    unknown.push(median(u));
    ratios.push(median(k) / median(u));
  }
  await app.mailer.settled();
  return { knownMs: median(known), unknownMs: median(unknown), ratio: median(ratios) };
}
