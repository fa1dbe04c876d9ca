import type { Mail } from "./mail";

/** What every mail of the app names: itself, and who it is for. */
interface MailContext {
  appName: string;
  to: string;
  name: string;
  url: string;
  validForSeconds: number;
}

/** "1 hour", "30 minutes", "2 days": a link's lifetime in words. */
export function durationText(seconds: number): string {
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? "" : "s"}`;
    }
  }
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain mail: a greeting, what the link does, the link, how long it works, and what to do if it was not you. */
function actionMail(context: MailContext, parts: { subject: string; intro: string; action: string; notYou: string }): Mail {
  const valid = `The link works once, for ${durationText(context.validForSeconds)}.`;
  const greeting = `Hello ${context.name || context.to},`;
  const text = [greeting, "", parts.intro, "", `${parts.action}: ${context.url}`, "", valid, "", parts.notYou, "", `— ${context.appName}`].join("\n");
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(parts.intro)}</p>`,
    `<p><a href="${escapeHtml(context.url)}">${escapeHtml(parts.action)}</a></p>`,
    `<p>Or paste this address into your browser:<br>${escapeHtml(context.url)}</p>`,
    `<p>${escapeHtml(valid)}</p>`,
    `<p>${escapeHtml(parts.notYou)}</p>`,
    `<p>— ${escapeHtml(context.appName)}</p>`,
  ].join("\n");
  return { to: context.to, subject: `${context.appName}: ${parts.subject}`, text, html, link: context.url };
}

/** The mail with a password reset link. */
export function passwordResetMail(context: MailContext): Mail {
  return actionMail(context, {
    subject: "reset your password",
    intro: `Someone asked to reset the password of your ${context.appName} account (${context.to}).`,
    action: "Choose a new password",
    notYou: "If that was not you, ignore this mail: your password stays as it is, and nobody can use the link without this mail.",
  });
}

/** The mail that confirms an address: a new account's, or the new one of an email change. */
export function verificationMail(context: MailContext & { change?: boolean }): Mail {
  return actionMail(context, {
    subject: "confirm your email address",
    intro: context.change
      ? `You asked to use ${context.to} for your ${context.appName} account. It takes effect once you confirm it.`
      : `Welcome to ${context.appName}. Please confirm that ${context.to} is your address.`,
    action: "Confirm this address",
    notYou: `If that was not you, ignore this mail: nothing changes without the link.`,
  });
}
