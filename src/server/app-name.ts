/** The app's name: in mails and pages, in the authenticator app's entry, and a word no password may be built from. */
export const APP_NAME = "Tasks";
