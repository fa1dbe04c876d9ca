import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/**
 * Makes the forwarding headers of an incoming request trustworthy before the app sees them.
 *
 * `X-Forwarded-For` is set to the one client address: the socket's peer, or, when the peer is a
 * trusted proxy (`TRUSTED_PROXIES`), the nearest address its chain names that is not itself a trusted
 * proxy (proxy-addr's algorithm). Better Auth's sign-in limiter and the API's per-IP limiter read this
 * header, so a client can no longer pick its own bucket by sending a new `X-Forwarded-For` each time.
 * `X-Forwarded-Host`, `-Proto` and `-Port` are dropped unless the peer is a trusted proxy.
 *
 * @param trustedProxies addresses, CIDR ranges, or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`).
 */
export function createForwardingSanitizer(trustedProxies: readonly string[]): (req: IncomingMessage) => void {
  const trust = proxyaddr.compile([...trustedProxies]);
  return (req) => {
    const peer = req.socket.remoteAddress ?? "";
    req.headers["x-forwarded-for"] = proxyaddr(req, trust);
    if (!trust(peer, 0)) {
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-port"];
    }
  };
}
