import { describe, expect, it } from "vitest";
import { CLI_USER_AGENT } from "@/client/cli/commands";
import { CLIENT_USER_AGENT } from "@/client/task-client";
import { deviceName } from "./device-name";

describe("deviceName (the account page's session list)", () => {
  it.each([
    [CLI_USER_AGENT, "tasks CLI"],
    [CLIENT_USER_AGENT, "Script (TypeScript client)"],
    ["node", "Script (node)"],
    ["curl/8.5.0", "Script (curl)"],
    ["something/1.0", "Script"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", "Chrome on Linux"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15", "Safari on macOS"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox on Windows"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", "Safari on iOS"],
    [null, "Unknown device"],
  ])("%s -> %s", (userAgent, name) => {
    expect(deviceName(userAgent)).toBe(name);
  });
});
