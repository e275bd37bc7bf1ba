import { describe, expect, it } from "vitest";
import type { Config } from "../../src/lib/env";
import { originAllowed } from "../../src/edge/mcp/origin";

const config = (extra: Partial<Config> = {}): Config => ({
  edeskApiBaseUrl: "https://api.edesk.com/v1",
  apiKeys: [],
  mcpAcceptAdminKeys: true,
  allowedOrigins: [],
  edeskTimeoutMs: 15_000,
  oauthCimdAllowLoopback: false,
  ...extra,
});

/** A request as the worker sees it: its URL carries the Host header the client sent. */
const from = (host: string, origin?: string) =>
  new Request(`http://${host}/mcp/x`, { headers: origin ? { origin } : {} });

describe("Origin check (DNS rebinding)", () => {
  it("never takes the own origin from the request's Host when PUBLIC_BASE_URL is unset", () => {
    expect(originAllowed(from("evil.test", "http://evil.test"), config())).toBe(false);
    expect(originAllowed(from("evil.test:8787", "http://evil.test:8787"), config())).toBe(false);
    // A rebinding page on a loopback Host but a foreign origin, and the other way round.
    expect(originAllowed(from("127.0.0.1:8787", "http://evil.test"), config())).toBe(false);
    expect(originAllowed(from("evil.test", "http://localhost:8787"), config())).toBe(false);
    expect(originAllowed(from("evil.test", "null"), config())).toBe(false);
  });

  it("lets loopback origins on a loopback Host pass without PUBLIC_BASE_URL (npm start)", () => {
    for (const [host, origin] of [
      ["localhost:8787", "http://localhost:8787"],
      ["127.0.0.1:8787", "http://localhost:5173"],
      ["[::1]:8787", "http://[::1]:8787"],
    ]) {
      expect(originAllowed(from(host!, origin), config()), `${host} ${origin}`).toBe(true);
    }
    expect(originAllowed(from("evil.test"), config())).toBe(true); // no Origin: not a browser
  });

  it("with PUBLIC_BASE_URL, passes its origin and ALLOWED_ORIGINS only, whatever the Host", () => {
    const set = config({
      publicBaseUrl: "https://mcp.example.com",
      allowedOrigins: ["https://allowed.example"],
    });
    expect(originAllowed(from("evil.test", "https://mcp.example.com"), set)).toBe(true);
    expect(originAllowed(from("evil.test", "https://allowed.example"), set)).toBe(true);
    expect(originAllowed(from("evil.test", "http://evil.test"), set)).toBe(false);
    expect(originAllowed(from("localhost:8787", "http://localhost:8787"), set)).toBe(false);
  });
});
