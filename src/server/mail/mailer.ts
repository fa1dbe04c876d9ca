import { setTimeout as sleep } from "node:timers/promises";
import { createTransport } from "nodemailer";
import type { MailConfig } from "../env";
import { redactAddress, type Mail } from "./mail";
import { createOutbox, type Outbox } from "./outbox";

/** Sends the app's mails through the configured transport (`SMTP_URL`, the development outbox, or none). */
export interface Mailer {
  /** Whether mail can be sent at all; when not, reset and verification are off and the pages say so. */
  readonly available: boolean;
  /** The development outbox (`/dev/mail`), when that is the transport. */
  readonly outbox: Outbox | null;
  /**
   * Sends `mail` in the background: callers need not wait (a request must not take longer, or fail,
   * because of the mail server). Resolves `true` once delivered, `false` when given up after
   * `MAIL_SEND_ATTEMPTS` tries; never rejects. Failures are logged without the link.
   */
  send(mail: Mail): Promise<boolean>;
  /** Resolves once every mail handed over so far is delivered or given up (tests, shutdown). */
  settled(): Promise<void>;
  close(): void;
}

/**
 * Builds the mailer for `config`; opens no connection until the first mail. `printLinks`: the outbox
 * also prints each mail's link to the log (the dev server's, not the test suite's).
 */
export function createMailer(config: MailConfig, { printLinks = false, log = console }: { printLinks?: boolean; log?: Pick<Console, "info" | "error"> } = {}): Mailer {
  const pending = new Set<Promise<boolean>>();
  const track = (sending: Promise<boolean>) => {
    pending.add(sending);
    void sending.finally(() => pending.delete(sending));
    return sending;
  };
  const settled = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };

  if (config.transport === "none") {
    return { available: false, outbox: null, send: async () => false, settled, close: () => {} };
  }

  if (config.transport === "outbox") {
    const outbox = createOutbox();
    return {
      available: true,
      outbox,
      send: (mail) => {
        outbox.add(mail);
        if (printLinks) log.info(`[mail] (development outbox, /dev/mail) to ${mail.to}: ${mail.subject}\n[mail]   ${mail.link}`);
        return track(Promise.resolve(true));
      },
      settled,
      close: () => {},
    };
  }

  const transport = createTransport(config.smtpUrl!);
  const deliver = async (mail: Mail): Promise<boolean> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        return true;
      } catch (error) {
        // The error's message only: never the mail (its link is a credential).
        const reason = error instanceof Error ? error.message : String(error);
        const last = attempt >= config.sendAttempts;
        log.error(`[mail] could not send "${mail.subject}" to ${redactAddress(mail.to)} (try ${attempt} of ${config.sendAttempts}${last ? ", given up" : ""}): ${reason}`);
        if (last) return false;
        await sleep(config.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  };
  return {
    available: true,
    outbox: null,
    send: (mail) => track(deliver(mail)),
    settled,
    close: () => transport.close(),
  };
}
