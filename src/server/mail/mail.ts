/** One message the app sends: both parts, and the link it carries. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The action's link (also in both parts): the development outbox prints it; never logged otherwise. */
  link: string;
}

/** `someone@example.com` as `s…@example.com`: enough to tell mails apart in a log, not to harvest addresses. */
export function redactAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return at > 0 ? `${address[0]}…${address.slice(at)}` : "…";
}
