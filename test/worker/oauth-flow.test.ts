import { afterEach, describe, expect, it, vi } from "vitest";
import {
  adminApi,
  API_KEY,
  createAccount,
  createMcpKey,
  createServer,
  ORIGIN,
  rpc,
} from "./helpers";
import {
  authorizeUrl,
  oauthKv,
  openConsent,
  pkce,
  REDIRECT_URI,
  registerClient,
  signIn,
  submitConsent,
  tokenRequest,
} from "./oauth-helpers";

afterEach(() => {
  vi.useRealTimers();
});

async function protectedServer() {
  const accountId = await createAccount(undefined, "Acme Support");
  const server = await createServer(accountId, { require_api_token_auth: true, methods: ["read"] });
  return { accountId, server, key: await createMcpKey(accountId, "OAuth test") };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "oauth", version: "1" },
};
/** One stateless (2026-07-28) tools/list: 200 when the credential opens the server. */
const ping = (url: string, token: string) =>
  rpc(
    url,
    { id: 1, method: "tools/list", params: { _meta: MODERN_META } },
    { ...bearer(token), "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" },
  );

describe("OAuth sign-in: DCR, consent with an MCP key, PKCE, tokens", () => {
  it("shows which server, account, tools and client on a page with the admin page's CSP", async () => {
    const { server } = await protectedServer();
    const clientId = await registerClient();
    const page = await openConsent(authorizeUrl(clientId, server.url, (await pkce()).challenge));
    expect(page.status).toBe(200);
    expect(page.html).toContain("Workerd test client");
    expect(page.html).toContain("client.example");
    expect(page.html).toContain("Desk");
    expect(page.html).toContain("Acme Support");
    expect(page.html).toContain("get_single_e_desk_ticket_by_id");
    expect(page.html).not.toContain("create_a_e_desk_ticket");
    expect(page.html).toContain('name="key"');
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://client.example");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.cookie).toMatch(/^__Host-oauth-consent-/);
  });

  it("grants a 15-minute token for that server, which lists and calls tools in both eras", async () => {
    const { server, key } = await protectedServer();
    const { tokens } = await signIn(server.url, key);
    expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 900, scope: "mcp" });
    expect(tokens.resource).toBe(server.url);
    expect(tokens.refresh_token).toBeTruthy();

    const list = await rpc(
      server.url,
      {
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-11-25",
          capabilities: {},
          clientInfo: { name: "oauth", version: "1" },
        },
      },
      bearer(tokens.access_token),
    );
    expect(list.status).toBe(200);
    const modern = await rpc(
      server.url,
      {
        id: 2,
        method: "tools/call",
        params: {
          name: "get_single_e_desk_ticket_by_id",
          arguments: { id: 1409923 },
          _meta: MODERN_META,
        },
      },
      {
        ...bearer(tokens.access_token),
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/call",
        "mcp-name": "get_single_e_desk_ticket_by_id",
      },
    );
    expect(modern.status).toBe(200);
    expect(modern.body.result.structuredContent).toMatchObject({ id: 1409923 });
  });

  it("refuses a wrong key on the page and grants nothing", async () => {
    const { server } = await protectedServer();
    const other = await createMcpKey(await createAccount(), "OAuth test");
    const clientId = await registerClient();
    const url = authorizeUrl(clientId, server.url, (await pkce()).challenge);
    const before = (await oauthKv("grant:")).length;
    for (const key of ["not-a-key", other, ""]) {
      const page = await openConsent(url);
      const refused = await submitConsent(url, page, { decision: "approve", key });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("location")).toBeNull();
      expect(refused.html).toContain("does not open this MCP server");
      expect(refused.html).not.toContain(other);
    }
    expect((await oauthKv("grant:")).length).toBe(before);
  });

  it("sends Deny back to the client as access_denied", async () => {
    const { server } = await protectedServer();
    const clientId = await registerClient();
    const url = authorizeUrl(clientId, server.url, (await pkce()).challenge);
    const page = await openConsent(url);
    const denied = await submitConsent(url, page, { decision: "deny" });
    expect(denied.status).toBe(302);
    const location = new URL(denied.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("state-1");
  });

  it("refuses a wrong PKCE verifier and a replayed code with invalid_grant", async () => {
    const { server, key } = await protectedServer();
    const clientId = await registerClient();
    const { verifier, challenge } = await pkce();
    const url = authorizeUrl(clientId, server.url, challenge);
    const page = await openConsent(url);
    const approved = await submitConsent(url, page, { decision: "approve", key });
    const code = new URL(approved.headers.get("location")!).searchParams.get("code")!;
    const exchange = (codeVerifier: string) =>
      tokenRequest({
        grant_type: "authorization_code",
        code,
        code_verifier: codeVerifier,
        redirect_uri: REDIRECT_URI,
        client_id: clientId,
        resource: server.url,
      });
    const wrong = await exchange((await pkce()).verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("invalid_grant");
    expect(wrong.body.access_token).toBeUndefined();

    const first = await exchange(verifier);
    expect(first.status).toBe(200);
    const replay = await exchange(verifier);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe("invalid_grant");
    // A replayed code revokes its grant: the token issued for it stops working too.
    expect((await ping(server.url, first.body.access_token)).status).toBe(401);
  });

  it("never redirects to a redirect URI the client did not register", async () => {
    const { server } = await protectedServer();
    const clientId = await registerClient();
    for (const redirect of [
      "https://evil.example/callback",
      `${REDIRECT_URI}/x`,
      `${REDIRECT_URI}?a=1`,
    ]) {
      const page = await openConsent(
        authorizeUrl(clientId, server.url, (await pkce()).challenge, { redirect_uri: redirect }),
      );
      expect(page.status, redirect).toBe(400);
      expect(page.headers.get("location")).toBeNull();
      expect(page.html).toContain("Invalid redirect URI");
    }
  });

  it("requires PKCE S256 and a resource that is a sign-in server of this service", async () => {
    const { server } = await protectedServer();
    const open = await createServer(await createAccount());
    const clientId = await registerClient();
    const { challenge } = await pkce();
    const cases: [Record<string, string>, string][] = [
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ resource: open.url }, "invalid_target"],
      [{ resource: `${ORIGIN}/mcp/${"A".repeat(43)}` }, "invalid_target"],
      [{ resource: "https://elsewhere.example/mcp" }, "invalid_target"],
    ];
    for (const [extra, error] of cases) {
      const res = await openConsent(authorizeUrl(clientId, server.url, challenge, extra));
      expect(res.status, JSON.stringify(extra)).toBe(302);
      expect(new URL(res.headers.get("location")!).searchParams.get("error")).toBe(error);
    }
    const noPkce = authorizeUrl(clientId, server.url, challenge).replace(
      /&code_challenge=[^&]+/,
      "",
    );
    const res = await openConsent(noPkce.replace("&code_challenge_method=S256", ""));
    expect(new URL(res.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
  });
});

describe("OAuth tokens are bound to one server, and the ServerObject stays the authority", () => {
  it("refuses the token of server A on server B of the same account", async () => {
    const { accountId, server, key } = await protectedServer();
    const other = await createServer(accountId, { require_api_token_auth: true });
    const { clientId, tokens } = await signIn(server.url, key);
    expect((await ping(server.url, tokens.access_token)).status).toBe(200);
    const foreign = await ping(other.url, tokens.access_token);
    expect(foreign.status).toBe(401);
    expect(foreign.headers.get("www-authenticate")).toContain('error="invalid_token"');
    // Its refresh token cannot be retargeted at B either.
    const retarget = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
      resource: other.url,
    });
    expect(retarget.status).toBe(400);
    expect(retarget.body.error).toBe("invalid_grant");
    expect(retarget.body.access_token).toBeUndefined();
  });

  it("refreshes, rotates the refresh token, and keeps the resource", async () => {
    const { server, key } = await protectedServer();
    const { clientId, tokens } = await signIn(server.url, key);
    const refreshed = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    // No resource asked, none named: the library's grant resource never reaches the client.
    expect(refreshed.body.resource).toBeUndefined();
    expect((await ping(server.url, refreshed.body.access_token)).status).toBe(200);
  });

  it("makes tokens fail on the next request and refresh fail once the server is revoked", async () => {
    const { accountId, server, key } = await protectedServer();
    const { clientId, tokens } = await signIn(server.url, key);
    expect((await ping(server.url, tokens.access_token)).status).toBe(200);
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    expect((await ping(server.url, tokens.access_token)).status).toBe(404);
    // Naming the server as the resource (as the SDK does) or not, refresh is invalid_grant.
    for (const resource of [{ resource: server.url }, {}] as Record<string, string>[]) {
      const refresh = await tokenRequest({
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token,
        client_id: clientId,
        ...resource,
      });
      expect(refresh.status).toBe(400);
      expect(refresh.body.error).toBe("invalid_grant");
    }
  });

  it("refuses refresh once the server has expired, and its tokens at once", async () => {
    const accountId = await createAccount();
    const server = await createServer(
      accountId,
      { require_api_token_auth: true },
      { expires_at: new Date(Date.now() + 120_000).toISOString() },
    );
    const { clientId, tokens } = await signIn(
      server.url,
      await createMcpKey(accountId, "OAuth test"),
    );
    expect((await ping(server.url, tokens.access_token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    expect((await ping(server.url, tokens.access_token)).status).toBe(404);
    const refresh = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("makes tokens and refresh fail when the server's account is deleted", async () => {
    const { accountId, server, key } = await protectedServer();
    const { clientId, tokens } = await signIn(server.url, key);
    expect((await adminApi("DELETE", `/api/integrated-account/${accountId}`)).status).toBe(204);
    expect((await ping(server.url, tokens.access_token)).status).toBe(404);
    const refresh = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("ends the grant when the key that approved it is revoked", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    const created = await adminApi("POST", "/api/keys", {
      name: "revoked later",
      scope: "mcp",
      account_ids: [accountId],
    });
    const { clientId, tokens } = await signIn(server.url, created.body.key);
    expect((await ping(server.url, tokens.access_token)).status).toBe(200);
    await adminApi("DELETE", `/api/keys/${created.body.id}`);
    expect((await ping(server.url, tokens.access_token)).status).toBe(401);
    const refresh = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("ignores a grant header a client forges: only the worker hands grants on", async () => {
    const { accountId, server } = await protectedServer();
    const adminKeyHash = [
      ...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(API_KEY))),
    ]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    const forged = JSON.stringify({
      server_id: server.id,
      account_id: accountId,
      key_hash: adminKeyHash,
    });
    const res = await ping(server.url, "whatever");
    expect(res.status).toBe(401);
    const withHeader = await rpc(
      server.url,
      { id: 1, method: "tools/list", params: { _meta: MODERN_META } },
      {
        "x-edesk-mcp-oauth-grant": forged,
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/list",
      },
    );
    expect(withHeader.status).toBe(401);
  });

  it("keeps the MCP key header working beside OAuth", async () => {
    const { server, key } = await protectedServer();
    await signIn(server.url, key);
    expect((await ping(server.url, key)).status).toBe(200);
  });

  it("stores no MCP token, server URL, key or OAuth secret in KV", async () => {
    const { server, key } = await protectedServer();
    const { code, tokens } = await signIn(server.url, key);
    const token = new URL(server.url).pathname.split("/")[2]!;
    const stored = JSON.stringify(await oauthKv());
    for (const secret of [token, key, code, tokens.access_token, tokens.refresh_token]) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain(`${ORIGIN}/oauth/servers/${server.id}`);
  });
});
