/**
 * What a session's User-Agent says about the client, in words a user recognises: a browser on a
 * system, the tasks CLI, a TypeScript program using the client, another script. The CLI and the typed
 * client name themselves (`tasks-cli`, `taskmanager-client`, src/client); other programs are "a script".
 */
export function deviceName(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  if (/^tasks-cli\b/.test(userAgent)) return "tasks CLI";
  if (/^taskmanager-client\b/.test(userAgent)) return "Script (TypeScript client)";
  if (!/^Mozilla\//.test(userAgent)) {
    const tool = /^(curl|Wget|python-requests|node|undici|Deno|Bun|okhttp|Go-http-client)\b/i.exec(userAgent)?.[1];
    return tool ? `Script (${tool})` : "Script";
  }
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /CrOS/.test(userAgent)
            ? "ChromeOS"
            : /Linux/.test(userAgent)
              ? "Linux"
              : "";
  return os ? `${browser} on ${os}` : browser;
}
