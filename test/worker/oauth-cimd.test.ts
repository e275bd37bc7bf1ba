import { describe, expect, it } from "vitest";
import { createAccount, createServer } from "./helpers";
import { authorizeUrl, openConsent, pkce, tokenRequest } from "./oauth-helpers";

// The worker tests run with OAUTH_CIMD_ALLOW_LOOPBACK unset: production mode.
describe("CIMD client IDs in production mode", () => {
  it("refuses loopback, private and internal client ID URLs on the page, before any fetch", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const { challenge } = await pkce();
    for (const clientId of [
      "https://127.0.0.1:9443/client.json",
      "https://localhost/client.json",
      "https://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/client.json",
      "https://metadata.internal/client.json",
    ]) {
      const page = await openConsent(authorizeUrl(clientId, server.url, challenge));
      expect(page.status, clientId).toBe(400);
      expect(page.headers.get("location")).toBeNull();
      expect(page.html).toContain("public host name");
    }
  });

  it("answers invalid_client at the token endpoint for such a client ID", async () => {
    for (const fields of [
      { client_id: "https://127.0.0.1/client.json" },
      { client_id: "https://[fd00::1]/client.json" },
    ]) {
      const res = await tokenRequest({ grant_type: "authorization_code", code: "x", ...fields });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "invalid_client", error_description: "Client not found" });
    }
  });

  it("shows a local error, never a redirect, when a public document cannot be fetched", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const page = await openConsent(
      authorizeUrl(
        "https://client.example/oauth/metadata.json",
        server.url,
        (await pkce()).challenge,
      ),
    );
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    expect(page.html).toContain("could not be verified");
  });
});
