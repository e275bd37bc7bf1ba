import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminApi, createAccount, createServer, ORIGIN, rpc } from "./helpers";

const PRM = `${ORIGIN}/.well-known/oauth-protected-resource`;
const tokenOf = (url: string) => new URL(url).pathname.split("/")[2]!;
const metadataUrlOf = (url: string) => `${PRM}/mcp/${tokenOf(url)}`;

/** The 2026-07-28 envelope, to show the 401 is decided before the era is. */
const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "oauth-test", version: "1" },
};

async function getJson(url: string, init: RequestInit = {}) {
  const response = await SELF.fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

describe("OAuth discovery for a require_api_token_auth server", () => {
  it("answers 401 with a resource_metadata pointer to the server's own metadata, in both eras", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const legacy = await rpc(server.url, { id: 1, method: "ping" });
    const modern = await rpc(
      server.url,
      { id: 1, method: "tools/list", params: { _meta: MODERN_META } },
      { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" },
    );
    for (const res of [legacy, modern]) {
      expect(res.status).toBe(401);
      const challenge = res.headers.get("www-authenticate")!;
      expect(challenge).toMatch(/^Bearer /);
      expect(challenge).toContain(`resource_metadata="${metadataUrlOf(server.url)}"`);
      expect(challenge).toContain('scope="mcp"');
      // RFC 6750 §3.1: a request without credentials gets no error code.
      expect(challenge).not.toContain("error=");
      expect(res.body).toMatchObject({ error: { code: -32001 } });
    }
    const wrong = await rpc(server.url, { id: 1, method: "ping" }, { authorization: "Bearer no" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(wrong.headers.get("www-authenticate")).toContain("resource_metadata=");
  });

  it("serves RFC 9728 metadata naming the server URL and this issuer", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const res = await getJson(metadataUrlOf(server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual({
      resource: server.url,
      authorization_servers: [ORIGIN],
      scopes_supported: ["mcp"],
      bearer_methods_supported: ["header"],
      resource_name: "Desk",
    });
  });

  it("answers the MCP endpoint's one 404 for unknown, revoked and open servers' metadata", async () => {
    const accountId = await createAccount();
    const open = await createServer(accountId);
    const revoked = await createServer(accountId, { require_api_token_auth: true });
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${revoked.id}`);
    const unknown = `${PRM}/mcp/${"A".repeat(43)}`;
    const mcp404 = await getJson(`${ORIGIN}/mcp/${"A".repeat(43)}`, { method: "POST" });
    for (const url of [unknown, metadataUrlOf(open.url), metadataUrlOf(revoked.url), `${PRM}/x`]) {
      const res = await getJson(url);
      expect(res.status, url).toBe(404);
      expect(res.body).toEqual(mcp404.body);
      expect([...res.headers.keys()].filter((name) => name.startsWith("x-edesk"))).toEqual([]);
    }
  });

  it("serves RFC 8414 authorization server metadata: S256 only, DCR and CIMD, no resource list", async () => {
    const res = await getJson(`${ORIGIN}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: `${ORIGIN}/oauth/authorize`,
      token_endpoint: `${ORIGIN}/oauth/token`,
      registration_endpoint: `${ORIGIN}/oauth/register`,
      revocation_endpoint: `${ORIGIN}/oauth/token`,
      code_challenge_methods_supported: ["S256"],
      response_types_supported: ["code"],
      scopes_supported: ["mcp"],
      client_id_metadata_document_supported: true,
      authorization_response_iss_parameter_supported: true,
    });
    expect(res.body.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "refresh_token"]),
    );
    // The real resources are secret server URLs: no public document lists them.
    expect(res.body.protected_resources).toBeUndefined();
  });
});

describe("Dynamic Client Registration bounds", () => {
  const register = (body: unknown) =>
    SELF.fetch(`${ORIGIN}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const valid = {
    client_name: "Bounded client",
    redirect_uris: ["https://client.example/callback"],
    token_endpoint_auth_method: "none",
  };

  it("registers a public client and answers RFC 7591 errors past each bound", async () => {
    expect((await register(valid)).status).toBe(201);
    for (const body of [
      { ...valid, client_name: "n".repeat(201) },
      { ...valid, redirect_uris: Array.from({ length: 11 }, (_, i) => `https://c.example/${i}`) },
      { ...valid, client_uri: `https://client.example/${"a".repeat(2_000)}` },
      { ...valid, contacts: Array.from({ length: 21 }, (_, i) => `a${i}@client.example`) },
      { ...valid, redirect_uris: ["javascript:alert(1)"] },
      { ...valid, redirect_uris: ["http://remote.example/cb"] },
    ]) {
      const res = await register(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_client_metadata" });
    }
    const huge = await register({ ...valid, logo_uri: "x".repeat(17_000) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: "invalid_client_metadata" });
  });
});
