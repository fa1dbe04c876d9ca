import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getApp } from "@/server/server";

export const metadata: Metadata = { title: "Outbox (development) · Tasks", robots: { index: false } };

/** Splits `text` into plain runs and links, so an outbox mail's links can be followed. */
function withLinks(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="break-all text-blue-600 underline dark:text-blue-400">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/**
 * Development only: the mails the app "sent" without an SMTP server (the outbox, newest first). Not
 * found in production, or whenever `SMTP_URL` sends real mail.
 */
export default async function DevMailPage() {
  await connection();
  const { config, mailer } = getApp();
  if (config.nodeEnv === "production" || !mailer.outbox) notFound();
  const mails = mailer.outbox.list();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Development only: with no <code>SMTP_URL</code>, mails stay here (the last 50, until the server restarts) and their links are printed to the
        server&apos;s log. Reload to see new ones.
      </p>
      {mails.length === 0 ? (
        <p role="status">No mail yet. Ask for a password reset, or sign up, and it shows here.</p>
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-md border border-slate-300 p-4 dark:border-slate-700">
              <article aria-labelledby={`mail-${mail.id}`}>
                <h2 id={`mail-${mail.id}`} className="font-medium">
                  {mail.subject}
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  To {mail.to}, <time dateTime={mail.sentAt.toISOString()}>{mail.sentAt.toLocaleString("en")}</time>
                </p>
                <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">{withLinks(mail.text)}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
