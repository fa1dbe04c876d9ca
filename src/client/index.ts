/**
 * The client package's entry (`npm run build:client` emits it with its declarations): the typed
 * client, the stand-alone token verifier, and the API's types. Imports no server code at run time.
 */
export { createTaskClient, signOutSession, TaskClientError } from "./task-client";
export type { TaskClient, TaskClientCredentials, TaskClientErrorCode, TaskClientOptions } from "./task-client";
export { createRemoteTokenVerifier, KeySetUnavailableError, verifyAccessToken } from "./remote-verifier";
export type { RemoteVerifierOptions, TokenVerification, TokenVerifier } from "./remote-verifier";
export type { AppRouter, RouterInputs, RouterOutputs } from "../server/trpc/routers/_app";
