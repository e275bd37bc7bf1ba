import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from "@modelcontextprotocol/client";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devSecrets, startDevWorker, type DevWorker } from "../../scripts/dev-stack.mjs";
import { launchChromium } from "./browser/launch";
import { watchPageFaults } from "./browser/page-checks";
import { screenshot } from "./browser/screenshots";
import { MemoryOAuthProvider, startCallbackServer, startCimdServer } from "./oauth-client";
import { INITIALIZE, stackClient } from "../support/stack-client";
import { DEMO_TOKEN, simulatorUrl } from "./stack";

// Sign-in with OAuth, end to end: the official SDK v1 client's OAuthClientProvider against the
// worker under `wrangler dev`, Debian's Chromium filling the consent page. This file runs its own
// worker (beside the stack's simulator) in development mode for CIMD: OAUTH_CIMD_ALLOW_LOOPBACK
// admits the client metadata document served here over https on loopback, with a throwaway
// certificate that workerd trusts through NODE_EXTRA_CA_CERTS.

let dir: string;
let worker: DevWorker;
let apiKey: string;
let browser: Browser;
let callback: Awaited<ReturnType<typeof startCallbackServer>>;
let cimd: Awaited<ReturnType<typeof startCimdServer>>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "edesk-mcp-oauth-"));
  callback = await startCallbackServer();
  cimd = await startCimdServer(dir, callback.url);
  const secrets = devSecrets();
  apiKey = secrets.apiKey;
  worker = await startDevWorker({
    name: "oauth-worker",
    configPath: "wrangler.toml",
    vars: {
      EDESK_API_BASE_URL: `${simulatorUrl()}/v1`,
      API_KEYS: secrets.apiKey,
      ENCRYPTION_KEY: secrets.encryptionKey,
      MCP_ACCEPT_ADMIN_KEYS: "false",
      OAUTH_CIMD_ALLOW_LOOPBACK: "true",
    },
    env: { NODE_EXTRA_CA_CERTS: cimd.caFile },
    persistTo: path.join(dir, "state"),
    readyPath: "/health",
    log: process.env.E2E_LOG === "1",
  });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await callback?.close();
  await cimd?.close();
  rmSync(dir, { recursive: true, force: true });
});

// This file's own worker (OAuth settings of its own), driven like the shared stack's.
const { adminApi, createAccount, createMcpKey, createServer, rpc } = stackClient({
  fetch: (url, init) => fetch(url, init),
  workerUrl: () => worker.url,
  simulatorUrl,
  apiKey: () => apiKey,
});

/** An account, a require_api_token_auth server on it and an mcp key for it. */
async function protectedServer(config: Record<string, unknown> = {}) {
  const accountId = await createAccount(DEMO_TOKEN, "Acme Support (demo)");
  const server = await createServer<{ id: string; url: string; tools: string[] }>(
    accountId,
    "Order questions",
    {
      require_api_token_auth: true,
      methods: ["read"],
      tags: ["tickets", "sales_orders"],
      ...config,
    },
  );
  return { accountId, server, key: await createMcpKey(accountId, "Claude (Acme)") };
}

/** A person on the consent page: reads it, types the key, presses Allow; the code comes back. */
async function approveInBrowser(url: URL, key: string, shot?: string) {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const faults = watchPageFaults(page);
  const hit = callback.next();
  await page.goto(url.toString());
  await page.getByRole("heading", { level: 1 }).waitFor();
  const text = await page.textContent("main");
  if (shot) await screenshot(page, shot);
  await page.getByLabel("MCP key").fill(key);
  await page.getByRole("button", { name: "Allow" }).click();
  const result = await hit;
  expect(faults).toEqual([]);
  await page.close();
  return { ...result, text: text ?? "" };
}

/**
 * The SDK client's first connect: it meets the 401, discovers, registers (DCR) or names its
 * metadata URL (CIMD) and hands the consent URL to the provider.
 */
async function startSignIn(serverUrl: string, provider: MemoryOAuthProvider) {
  const first = new Client({ name: "e2e-oauth", version: "1.0.0" });
  await expect(
    first.connect(
      new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider }),
    ),
  ).rejects.toThrow(UnauthorizedError);
}

/**
 * The SDK client's own flow: after the first connect and the browser step, finishAuth
 * exchanges the code (PKCE) and the next connect carries the token.
 */
async function signInWithSdk(
  serverUrl: string,
  provider: MemoryOAuthProvider,
  key: string,
  shot?: string,
) {
  await startSignIn(serverUrl, provider);
  expect(provider.authorizationUrl?.pathname).toBe("/oauth/authorize");
  const consent = await approveInBrowser(provider.authorizationUrl!, key, shot);
  expect(consent.code).toBeTruthy();
  const transport = new StreamableHTTPClientTransport(new URL(serverUrl), {
    authProvider: provider,
  });
  await transport.finishAuth(consent.code!);
  const client = new Client({ name: "e2e-oauth", version: "1.0.0" });
  await client.connect(transport);
  return { client, consent };
}

async function listAndCall(client: Client, tools: string[]) {
  const listed = await client.listTools();
  expect(listed.tools.map((tool) => tool.name).sort()).toEqual([...tools].sort());
  const result = await client.callTool({
    name: "get_single_e_desk_ticket_by_id",
    arguments: { id: 1409923 },
  });
  expect(result.isError).not.toBe(true);
  expect(result.structuredContent).toMatchObject({ id: 1409923 });
}

/** A bare `initialize` with a bearer token: its answer says whether the token opens the server. */
const rawInitialize = (url: string, token: string) =>
  rpc(url, INITIALIZE, { authorization: `Bearer ${token}` });
const tokenRequest = async (fields: Record<string, string>) => {
  const response = await fetch(`${worker.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe("the SDK client signs in with OAuth, a person approving in Chromium", () => {
  it("by Dynamic Client Registration, then lists and calls tools", async () => {
    const { server, key } = await protectedServer();
    const provider = new MemoryOAuthProvider(callback.url);
    const { client, consent } = await signInWithSdk(server.url, provider, key, "09-oauth-consent");
    expect(provider.clientInformation()?.client_id).not.toMatch(/^https:/);
    // The page told the person which app, where access goes, which server, account and tools.
    expect(consent.text).toContain("E2E DCR client");
    expect(consent.text).toContain("its name is not verified");
    expect(consent.text).toContain("127.0.0.1");
    expect(consent.text).toContain("Order questions");
    expect(consent.text).toContain("Acme Support (demo)");
    expect(consent.text).toContain("get_single_e_desk_ticket_by_id");
    await listAndCall(client, server.tools);
    await client.close();
  }, 60_000);

  it("by Client ID Metadata Document, then lists and calls tools", async () => {
    const { server, key } = await protectedServer();
    const discovery = await fetch(`${worker.url}/.well-known/oauth-authorization-server`);
    const metadata = (await discovery.json()) as Record<string, unknown>;
    expect(metadata.client_id_metadata_document_supported).toBe(true);
    const before = cimd.fetches();
    const provider = new MemoryOAuthProvider(callback.url, cimd.clientId);
    const { client, consent } = await signInWithSdk(server.url, provider, key);
    expect(provider.clientInformation()?.client_id).toBe(cimd.clientId);
    expect(cimd.fetches()).toBeGreaterThan(before);
    expect(consent.text).toContain("E2E CIMD client");
    expect(consent.text).toContain("Published by localhost");
    await listAndCall(client, server.tools);
    await client.close();
  }, 60_000);

  it("gives the 2026-07-28 era the same token: the SDK v2 client lists and calls tools", async () => {
    const { server, key } = await protectedServer();
    const provider = new MemoryOAuthProvider(callback.url);
    const { client } = await signInWithSdk(server.url, provider, key);
    await client.close();
    const modern = new ModernClient(
      { name: "e2e-oauth-2026", version: "1.0.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    const headers = { authorization: `Bearer ${provider.tokens()!.access_token}` };
    await modern.connect(new ModernTransport(new URL(server.url), { requestInit: { headers } }));
    const listed = await modern.listTools();
    expect(listed.tools.map((tool) => tool.name).sort()).toEqual([...server.tools].sort());
    const result = await modern.callTool({
      name: "get_single_e_desk_ticket_by_id",
      arguments: { id: 1409923 },
    });
    expect(result.structuredContent).toMatchObject({ id: 1409923 });
    await modern.close();
  }, 60_000);
});

describe("refusals, each with its OAuth error and no grant", () => {
  it("refuses a wrong key on the consent page: the person sees why, the client gets no code", async () => {
    const { server } = await protectedServer();
    const other = await protectedServer();
    const provider = new MemoryOAuthProvider(callback.url);
    await startSignIn(server.url, provider);
    const hits = callback.hits.length;
    const page = await browser.newPage();
    await page.goto(provider.authorizationUrl!.toString());
    for (const wrong of ["not-a-key", other.key]) {
      await page.getByLabel("MCP key").fill(wrong);
      await page.getByRole("button", { name: "Allow" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toContain(
        "does not open this MCP server",
      );
    }
    expect(new URL(page.url()).pathname).toBe("/oauth/authorize");
    expect(callback.hits.length).toBe(hits);
    await page.close();
  }, 60_000);

  it("refuses a wrong PKCE verifier and a replayed code with invalid_grant", async () => {
    const { server, key } = await protectedServer();
    const registered = await fetch(`${worker.url}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "Raw client",
        redirect_uris: [callback.url],
        token_endpoint_auth_method: "none",
      }),
    });
    const clientId = ((await registered.json()) as { client_id: string }).client_id;
    const verifier = "v".repeat(43);
    const challenge = Buffer.from(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
    ).toString("base64url");
    const url = new URL(`${worker.url}/oauth/authorize`);
    for (const [name, value] of Object.entries({
      response_type: "code",
      client_id: clientId,
      redirect_uri: callback.url,
      code_challenge: challenge,
      code_challenge_method: "S256",
      state: "raw-state",
      resource: server.url,
    })) {
      url.searchParams.set(name, value);
    }
    const { code, state } = await approveInBrowser(url, key);
    expect(state).toBe("raw-state");
    const exchange = (codeVerifier: string) =>
      tokenRequest({
        grant_type: "authorization_code",
        code: code!,
        code_verifier: codeVerifier,
        redirect_uri: callback.url,
        client_id: clientId,
        resource: server.url,
      });
    const wrong = await exchange("w".repeat(43));
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const good = await exchange(verifier);
    expect(good.status).toBe(200);
    expect(good.body.resource).toBe(server.url);
    const replay = await exchange(verifier);
    expect(replay).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    // The replay revoked the grant: the token it had issued is refused too.
    expect((await rawInitialize(server.url, good.body.access_token)).status).toBe(401);
  }, 60_000);

  it("shows an error page for a redirect URI the client did not register, never redirecting", async () => {
    const { server } = await protectedServer();
    const provider = new MemoryOAuthProvider(callback.url);
    await startSignIn(server.url, provider);
    const url = new URL(provider.authorizationUrl!);
    url.searchParams.set("redirect_uri", `${callback.url}/elsewhere`);
    const hits = callback.hits.length;
    const page = await browser.newPage();
    const response = await page.goto(url.toString());
    expect(response?.status()).toBe(400);
    expect(await page.textContent("main")).toContain("Invalid redirect URI");
    expect(new URL(page.url()).pathname).toBe("/oauth/authorize");
    expect(callback.hits.length).toBe(hits);
    await page.close();
  }, 60_000);

  it("refuses server A's token on server B, and after A is revoked its token and refresh", async () => {
    const { accountId, server, key } = await protectedServer();
    const serverB = await createServer<{ url: string }>(accountId, "Another server", {
      require_api_token_auth: true,
    });
    const provider = new MemoryOAuthProvider(callback.url);
    const { client } = await signInWithSdk(server.url, provider, key);
    await client.close();
    const tokens = provider.tokens()!;

    const onB = await rawInitialize(serverB.url, tokens.access_token);
    expect(onB.status).toBe(401);
    expect(onB.headers.get("www-authenticate")).toContain('error="invalid_token"');

    expect(
      (await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`)).status,
    ).toBe(204);
    expect((await rawInitialize(server.url, tokens.access_token)).status).toBe(404);
    const refresh = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      client_id: provider.clientInformation()!.client_id,
      resource: server.url,
    });
    expect(refresh).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  }, 60_000);
});
