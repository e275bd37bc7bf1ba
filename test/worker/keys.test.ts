import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminRouter } from "../../src/edge/admin/routes";
import { mcpKeyAllows } from "../../src/server/keys/check";
import type { KeyObject } from "../../src/server/keys/key-object";
import { keyStore } from "../../src/server/keys/store";
import { MAX_KEY_ACCOUNTS, MAX_KEYS } from "../../src/server/keys/schemas";
import { sha256Hex } from "../../src/server/tokens/token";
import { ACME_TOKEN, adminApi, API_KEY, createAccount, createServer, ORIGIN, rpc } from "./helpers";

type Created = {
  id: string;
  name: string;
  scope: string;
  account_ids: string[] | null;
  created_at: string;
  key: string;
};

async function newKey(body: Record<string, unknown>): Promise<Created> {
  const res = await adminApi("POST", "/api/keys", body);
  if (res.status !== 201) throw new Error(`key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
/** An MCP `initialize`: 200 once the credential passes, 401 when it does not. */
const ping = (url: string, key: string) =>
  rpc(
    url,
    {
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "keys-test", version: "1" },
      },
    },
    bearer(key),
  );

describe("API keys: create, list, revoke", () => {
  it("creates a key shown once, lists it without key or hash, and revokes it", async () => {
    const accountId = await createAccount();
    const created = await newKey({ name: "Agent", scope: "mcp", account_ids: [accountId] });
    expect(created).toMatchObject({ name: "Agent", scope: "mcp", account_ids: [accountId] });
    expect(created.id).toMatch(/^key_/);
    expect(created.key).toMatch(/^emk_[A-Za-z0-9_-]{43}$/);

    const listed = await adminApi("GET", "/api/keys");
    expect(listed.status).toBe(200);
    const entry = listed.body.result.find((k: Created) => k.id === created.id);
    expect(entry).toEqual({
      id: created.id,
      name: "Agent",
      scope: "mcp",
      account_ids: [accountId],
      created_at: created.created_at,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.key);

    expect((await adminApi("DELETE", `/api/keys/${created.id}`)).status).toBe(204);
    expect((await adminApi("DELETE", `/api/keys/${created.id}`)).status).toBe(404);
    const after = await adminApi("GET", "/api/keys");
    expect(after.body.result.some((k: Created) => k.id === created.id)).toBe(false);
  });

  it("stores only the key's SHA-256, never the key", async () => {
    const created = await newKey({ name: "Stored", scope: "admin" });
    const stored = await runInDurableObject(keyStore(env), async (_object, state) =>
      JSON.stringify([...(await state.storage.list())]),
    );
    expect(stored).toContain(created.id);
    expect(stored).toContain(await sha256Hex(created.key));
    expect(stored).not.toContain(created.key);
    expect(stored).not.toContain(created.key.slice(4));
  });

  it("shows the key routes in the OpenAPI document", async () => {
    const { paths } = (await adminApi("GET", "/api/openapi.json", undefined, { authorization: "" }))
      .body;
    expect(Object.keys(paths["/api/keys"]).sort()).toEqual(["get", "post"]);
    expect(paths["/api/keys"].post.requestBody.content["application/json"].schema.required).toEqual(
      ["name", "scope"],
    );
    expect(paths["/api/keys/{id}"].delete).toBeDefined();
  });

  it("answers 404 for an unknown or malformed key id", async () => {
    for (const id of ["key_AAAAAAAAAAAAAAAA", "nope", "%zz"]) {
      expect((await adminApi("DELETE", `/api/keys/${id}`)).status).toBe(404);
    }
  });
});

describe("API keys: validation", () => {
  const cases: [string, unknown, string][] = [
    ["empty body", {}, "name"],
    ["blank name", { name: "  ", scope: "mcp" }, "name"],
    ["name too long", { name: "n".repeat(101), scope: "mcp" }, "name"],
    ["unknown scope", { name: "k", scope: "root" }, "scope"],
    ["unknown field", { name: "k", scope: "mcp", key: "mine" }, "(body)"],
    ["empty account list", { name: "k", scope: "mcp", account_ids: [] }, "account_ids"],
    ["malformed id", { name: "k", scope: "mcp", account_ids: ["x"] }, "account_ids.0"],
    [
      "too many accounts",
      {
        name: "k",
        scope: "mcp",
        account_ids: Array.from(
          { length: MAX_KEY_ACCOUNTS + 1 },
          (_, i) => `acc_${String(i).padStart(16, "0")}`,
        ),
      },
      "account_ids",
    ],
    [
      "repeated account",
      { name: "k", scope: "mcp", account_ids: ["acc_AAAAAAAAAAAAAAAA", "acc_AAAAAAAAAAAAAAAA"] },
      "account_ids",
    ],
    [
      "accounts on an admin key",
      { name: "k", scope: "admin", account_ids: ["acc_AAAAAAAAAAAAAAAA"] },
      "account_ids",
    ],
    [
      "unknown account",
      { name: "k", scope: "mcp", account_ids: ["acc_AAAAAAAAAAAAAAAA"] },
      "account_ids",
    ],
  ];
  for (const [what, body, field] of cases) {
    it(`refuses ${what} with 400 and the field`, async () => {
      const res = await adminApi("POST", "/api/keys", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  }

  it(`holds at most ${MAX_KEYS} keys`, async () => {
    // Filled inside the object: MAX_KEYS requests through the API would be slow, not truer.
    const fill = (await adminApi("GET", "/api/keys")).body.result.length;
    const ids = Array.from(
      { length: MAX_KEYS - fill },
      (_, i) => `key_${String(i).padStart(16, "0")}`,
    );
    await runInDurableObject(keyStore(env), async (object: KeyObject) => {
      for (const id of ids) {
        const record = { id, name: id, scope: "mcp" as const, account_ids: null };
        await object.create({ ...record, created_at: new Date().toISOString(), hash: id });
      }
    });
    const over = await adminApi("POST", "/api/keys", { name: "one too many", scope: "mcp" });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain(String(MAX_KEYS));
    expect((await adminApi("DELETE", `/api/keys/${ids[0]}`)).status).toBe(204);
    const again = await adminApi("POST", "/api/keys", { name: "fits again", scope: "mcp" });
    expect(again.status).toBe(201);
    await runInDurableObject(keyStore(env), async (object: KeyObject) => {
      for (const id of [...ids, again.body.id]) await object.remove(id);
    });
  });
});

describe("scopes on the admin API", () => {
  it("gives an mcp key 401 on every admin route, and a created admin key access", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const adminKey = await newKey({ name: "Ops", scope: "admin" });
    const mcpKey = await newKey({ name: "Agent", scope: "mcp" });
    const routes = adminRouter.routes.filter(
      ([method, , , path]) => method !== "ALL" && !path?.endsWith("/openapi.json"),
    );
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const [method, , , path] of routes) {
      const url = `${ORIGIN}${path!.replace(":id", accountId).replace(":mcpId", server.id)}`;
      const body = method === "POST" || method === "PATCH" ? { name: "x" } : undefined;
      const refused = await adminApi(method, new URL(url).pathname, body, bearer(mcpKey.key));
      expect(refused.status, `${method} ${path}`).toBe(401);
    }
    // The same key as admin reaches the routes (reads only: nothing is destroyed here).
    for (const path of [
      "/api/integrated-account",
      `/api/integrated-account/${accountId}`,
      "/api/keys",
    ]) {
      expect((await adminApi("GET", path, undefined, bearer(adminKey.key))).status).toBe(200);
    }
  });
});

describe("scopes on the MCP endpoint", () => {
  it("accepts an mcp key on its account's servers only, and a key for all accounts on both", async () => {
    const mine = await createServer(await createAccount(), { require_api_token_auth: true });
    const theirs = await createServer(await createAccount(ACME_TOKEN), {
      require_api_token_auth: true,
    });
    const scoped = await newKey({ name: "Mine", scope: "mcp", account_ids: [mine.account_id] });
    const everywhere = await newKey({ name: "All", scope: "mcp" });
    expect((await ping(mine.url, scoped.key)).status).toBe(200);
    expect((await ping(theirs.url, scoped.key)).status).toBe(401);
    expect((await ping(mine.url, everywhere.key)).status).toBe(200);
    expect((await ping(theirs.url, everywhere.key)).status).toBe(200);
    expect((await ping(mine.url, `${scoped.key}x`)).status).toBe(401);
  });

  it("refuses a revoked key on the very next request", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const key = await newKey({ name: "Soon revoked", scope: "mcp" });
    expect((await ping(server.url, key.key)).status).toBe(200);
    expect((await adminApi("DELETE", `/api/keys/${key.id}`)).status).toBe(204);
    expect((await ping(server.url, key.key)).status).toBe(401);
  });

  it("accepts admin keys unless MCP_ACCEPT_ADMIN_KEYS is false", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const accountId = server.account_id;
    const stored = await newKey({ name: "Ops", scope: "admin" });
    const mcp = await newKey({ name: "Agent", scope: "mcp", account_ids: [accountId] });
    // Through the endpoint, with the default (on).
    expect((await ping(server.url, API_KEY)).status).toBe(200);
    expect((await ping(server.url, stored.key)).status).toBe(200);

    const request = (key: string) => new Request(server.url, { headers: bearer(key) });
    const off = { ...env, MCP_ACCEPT_ADMIN_KEYS: "false" };
    const on = { ...env, MCP_ACCEPT_ADMIN_KEYS: "true" };
    for (const key of [API_KEY, stored.key]) {
      expect(await mcpKeyAllows(request(key), on, accountId)).toBe(true);
      expect(await mcpKeyAllows(request(key), off, accountId)).toBe(false);
    }
    expect(await mcpKeyAllows(request(mcp.key), off, accountId)).toBe(true);
    expect(await mcpKeyAllows(request(mcp.key), off, "acc_AAAAAAAAAAAAAAAA")).toBe(false);
  });
});
