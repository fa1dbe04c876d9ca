import { TRPCClientError } from "@trpc/client";
import { TaskClientError } from "../task-client";

/** Exit codes, part of the CLI's contract with scripts. */
export const EXIT = {
  ok: 0,
  /** The server failed, or something unexpected happened. */
  error: 1,
  /** A wrong command, option or value (also when the server refuses the input). */
  invalidInput: 2,
  /** Not signed in, the session has ended, or wrong credentials. */
  notAuthenticated: 3,
  notFound: 4,
  /** The server cannot be reached. */
  unreachable: 5,
  /** Too many requests: try again later. */
  rateLimited: 6,
} as const;

/** An error the CLI reports as one line on stderr, with its exit code. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(`${message}\nRun 'tasks help' for usage.`, EXIT.invalidInput);
export const notSignedIn = () => new CliError("Not signed in: run 'tasks login' first.", EXIT.notAuthenticated);

const TRPC_EXIT: Record<string, number> = {
  BAD_REQUEST: EXIT.invalidInput,
  // A name that is taken, a request too large: the input, not the server.
  CONFLICT: EXIT.invalidInput,
  PAYLOAD_TOO_LARGE: EXIT.invalidInput,
  UNAUTHORIZED: EXIT.notAuthenticated,
  NOT_FOUND: EXIT.notFound,
  TOO_MANY_REQUESTS: EXIT.rateLimited,
};

const CLIENT_EXIT: Record<TaskClientError["code"], number> = {
  INVALID_CREDENTIALS: EXIT.notAuthenticated,
  NOT_SIGNED_IN: EXIT.notAuthenticated,
  EMAIL_NOT_VERIFIED: EXIT.notAuthenticated,
  TWO_FACTOR_REQUIRED: EXIT.notAuthenticated,
  INVALID_TWO_FACTOR_CODE: EXIT.notAuthenticated,
  RATE_LIMITED: EXIT.rateLimited,
  UNREACHABLE: EXIT.unreachable,
  SERVER_ERROR: EXIT.error,
};

/** Turns anything a command threw into the message and exit code the user sees. */
export function toCliError(error: unknown, baseUrl: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof TaskClientError) {
    if (error.code === "NOT_SIGNED_IN") return new CliError("The session has ended: run 'tasks login' again.", EXIT.notAuthenticated);
    // The CLI cannot reset a password itself: it names the page that does (mail goes to the account's address).
    if (error.code === "INVALID_CREDENTIALS") {
      return new CliError(`${error.message}. Forgot your password? Reset it at ${baseUrl}/forgot-password`, EXIT.notAuthenticated);
    }
    return new CliError(error.message, CLIENT_EXIT[error.code]);
  }
  if (error instanceof TRPCClientError) {
    // A failure getting the token (in the link, before the call): the client's own error, as it is.
    if (error.cause instanceof TaskClientError) return toCliError(error.cause, baseUrl);
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === "UNAUTHORIZED") return new CliError("The session has ended: run 'tasks login' again.", EXIT.notAuthenticated);
    if (code) return new CliError(error.message, TRPC_EXIT[code] ?? EXIT.error);
    // No tRPC error body: either an answer that is not the API's (a proxy's error page), or no answer at all.
    const response = (error.meta as { response?: Response } | undefined)?.response;
    if (response) return new CliError(`The server answered HTTP ${response.status}`, EXIT.error);
    return new CliError(`Cannot reach ${baseUrl}`, EXIT.unreachable);
  }
  return new CliError(error instanceof Error ? error.message : String(error), EXIT.error);
}
