import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  CONSENT_WINDOW_MS,
  MAX_CONSENT_FAILURES,
} from "../../src/server/server-object/consent-attempts";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { createAccount, createMcpKey, createServer } from "./helpers";
import {
  authorizeUrl,
  oauthKv,
  openConsent,
  pkce,
  registerClient,
  submitConsent,
} from "./oauth-helpers";

async function protectedServer() {
  const accountId = await createAccount(undefined, "Throttle Support");
  const server = await createServer(accountId, { require_api_token_auth: true, methods: ["read"] });
  return { server, key: await createMcpKey(accountId, "Consent throttle") };
}

/** Opens the page afresh and posts `key` to it, as a person (or a guesser) would. */
async function attempt(url: string, key: string) {
  const page = await openConsent(url);
  expect(page.status).toBe(200);
  return submitConsent(url, page, { decision: "approve", key });
}

/** Moves the clock of a server's consent throttle. */
function shiftClock(serverId: string, ms: number) {
  const stub = serverObject(env, serverId);
  return runInDurableObject(stub, (instance: ServerObject) => {
    instance.consentAttempts.now = () => Date.now() + ms;
  });
}

describe("wrong keys on the consent page", () => {
  it("are throttled per server: past the bound even the right key is refused with 429, and works after the window", async () => {
    const { server, key } = await protectedServer();
    const other = await protectedServer();
    const clientId = await registerClient();
    const url = authorizeUrl(clientId, server.url, (await pkce()).challenge);
    const grants = (await oauthKv("grant:")).length;

    for (let i = 0; i < MAX_CONSENT_FAILURES; i++) {
      const wrong = await attempt(url, `guess-${i}`);
      expect(wrong.status).toBe(403);
      expect(wrong.html).toContain("does not open this MCP server");
    }
    const throttled = await attempt(url, key);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(throttled.headers.get("retry-after"))).toBeLessThanOrEqual(
      CONSENT_WINDOW_MS / 1000,
    );
    expect(throttled.headers.get("location")).toBeNull();
    expect(throttled.html).toMatch(/Too many wrong keys for this MCP server\. Wait \d+ seconds/);
    expect(throttled.html).toContain("Nothing was granted");
    expect(throttled.html).not.toContain(key);
    expect((await oauthKv("grant:")).length).toBe(grants);

    // Another server's page is not throttled by this one's guesser.
    const otherUrl = authorizeUrl(clientId, other.server.url, (await pkce()).challenge);
    expect((await attempt(otherUrl, other.key)).status).toBe(302);

    await shiftClock(server.id, CONSENT_WINDOW_MS + 1000);
    const approved = await attempt(url, key);
    expect(approved.status).toBe(302);
    expect(new URL(approved.headers.get("location")!).searchParams.get("code")).toBeTruthy();
  });

  it("does not count a right key as a failure", async () => {
    const { server, key } = await protectedServer();
    const clientId = await registerClient();
    for (let i = 0; i < MAX_CONSENT_FAILURES + 2; i++) {
      const url = authorizeUrl(clientId, server.url, (await pkce()).challenge);
      if (i === 0) expect((await attempt(url, "wrong")).status).toBe(403);
      else expect((await attempt(url, key)).status).toBe(302);
    }
  });
});
