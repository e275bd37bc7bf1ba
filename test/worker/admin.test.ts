import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  ACME_TOKEN,
  adminApi,
  API_KEY,
  createAccount,
  createServer,
  DEMO_TOKEN,
  ORIGIN,
} from "./helpers";

describe("admin API authentication", () => {
  it("refuses a request without an API key with 401 and WWW-Authenticate", async () => {
    const res = await adminApi("GET", "/api/integrated-account", undefined, { authorization: "" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("refuses a wrong API key", async () => {
    const res = await adminApi("GET", "/api/integrated-account", undefined, {
      authorization: `Bearer ${API_KEY}x`,
    });
    expect(res.status).toBe(401);
  });

  it("serves the OpenAPI document without a key", async () => {
    const res = await adminApi("GET", "/api/openapi.json", undefined, { authorization: "" });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.paths["/api/integrated-account/{id}/mcp"].post.requestBody).toBeDefined();
  });

  it("answers an unknown route with a JSON 404", async () => {
    const res = await adminApi("GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("integrated accounts", () => {
  it("creates an account after eDesk accepts the token, never returning credentials", async () => {
    const res = await adminApi("POST", "/api/integrated-account", {
      integration: "edesk",
      name: "Acme support",
      credentials: { api_token: DEMO_TOKEN },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ integration: "edesk", name: "Acme support" });
    expect(res.body.id).toMatch(/^acc_/);
    expect(JSON.stringify(res.body)).not.toContain(DEMO_TOKEN);
    const read = await adminApi("GET", `/api/integrated-account/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(DEMO_TOKEN);
  });

  it("refuses a token eDesk rejects with a 400 that says so", async () => {
    const res = await adminApi("POST", "/api/integrated-account", {
      integration: "edesk",
      credentials: { api_token: "not-a-valid-token" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/eDesk rejected the API token/);
    expect(JSON.stringify(res.body)).not.toContain("not-a-valid-token");
  });

  it("refuses an api_token an HTTP header cannot carry with 400, on create and on rotation", async () => {
    const id = await createAccount();
    for (const token of ["a\r\nb", "a\u0000b", "токен"]) {
      const credentials = { api_token: token };
      const created = await adminApi("POST", "/api/integrated-account", {
        integration: "edesk",
        credentials,
      });
      const rotated = await adminApi("PATCH", `/api/integrated-account/${id}`, { credentials });
      for (const res of [created, rotated]) {
        expect(res.status).toBe(400);
        expect(res.body.error.details).toEqual([
          { field: "credentials.api_token", message: expect.stringMatching(/printable ASCII/) },
        ]);
      }
    }
  });

  it("validates the body with field details", async () => {
    const res = await adminApi("POST", "/api/integrated-account", { integration: "zendesk" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["integration", "credentials"]));
  });

  it("answers 415 to a non-JSON body and 400 to malformed JSON", async () => {
    const wrongType = await adminApi("POST", "/api/integrated-account", "x", {
      "content-type": "text/plain",
    });
    expect(wrongType.status).toBe(415);
    const malformed = await adminApi("POST", "/api/integrated-account", "{not json");
    expect(malformed.status).toBe(400);
  });

  it("answers 413 to a body over 1 MiB", async () => {
    const big = JSON.stringify({ integration: "edesk", name: "x".repeat(1024 * 1024) });
    const res = await adminApi("POST", "/api/integrated-account", big);
    expect(res.status).toBe(413);
  });

  it("lists accounts with a cursor", async () => {
    await createAccount(DEMO_TOKEN, "one");
    await createAccount(DEMO_TOKEN, "two");
    const first = await adminApi("GET", "/api/integrated-account?limit=1");
    expect(first.status).toBe(200);
    expect(first.body.result).toHaveLength(1);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await adminApi(
      "GET",
      `/api/integrated-account?limit=1&next_cursor=${encodeURIComponent(first.body.next_cursor)}`,
    );
    expect(second.body.result).toHaveLength(1);
    expect(second.body.result[0].id).not.toBe(first.body.result[0].id);
  });

  it("renames an account and refuses a rotation to a rejected token", async () => {
    const id = await createAccount();
    const renamed = await adminApi("PATCH", `/api/integrated-account/${id}`, { name: "Renamed" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Renamed");
    const bad = await adminApi("PATCH", `/api/integrated-account/${id}`, {
      credentials: { api_token: "wrong" },
    });
    expect(bad.status).toBe(400);
    const empty = await adminApi("PATCH", `/api/integrated-account/${id}`, {});
    expect(empty.status).toBe(400);
  });

  it("answers 404 for an unknown or malformed account id", async () => {
    expect((await adminApi("GET", "/api/integrated-account/acc_AAAAAAAAAAAAAAAA")).status).toBe(
      404,
    );
    expect((await adminApi("GET", "/api/integrated-account/whatever")).status).toBe(404);
  });

  it("answers 404, not 500, to ids with a malformed percent-escape", async () => {
    const id = await createAccount();
    for (const path of [
      "/api/integrated-account/%E0%A4%A",
      `/api/integrated-account/%zz/mcp`,
      `/api/integrated-account/${id}/mcp/%zz`,
      `/api/integrated-account/${id}/mcp/%ED%A0%80/audit`,
    ]) {
      const res = await adminApi("GET", path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });
});

describe("tool preview", () => {
  it("shows only ticket read tools for read + tickets", async () => {
    const id = await createAccount();
    const res = await adminApi(
      "GET",
      `/api/integrated-account/${id}/tools?methods=read&tags=tickets`,
    );
    expect(res.status).toBe(200);
    const names: string[] = res.body.result.map((t: { name: string }) => t.name);
    expect(names).toContain("list_all_e_desk_tickets");
    expect(names).toContain("get_single_e_desk_ticket_by_id");
    expect(names.some((n) => /^(create|update|delete|add|remove)_/.test(n))).toBe(false);
    expect(names.some((n) => n.includes("sales_order") || n.includes("template"))).toBe(false);
  });

  it("names the methods and tags that exist when a config matches nothing", async () => {
    const id = await createAccount();
    const res = await adminApi("GET", `/api/integrated-account/${id}/tools?tags=invoices`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Tags that exist: .*tickets/);
  });
});

describe("query limits", () => {
  it("take fractional, huge and junk limits as whole numbers, never a 500", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    for (const limit of ["1.5", "0.5", "1e400", "-3.7", "abc"]) {
      const audit = await adminApi(
        "GET",
        `/api/integrated-account/${accountId}/mcp/${server.id}/audit?limit=${limit}`,
      );
      expect(audit.status).toBe(200);
      const accounts = await adminApi("GET", `/api/integrated-account?limit=${limit}`);
      expect(accounts.status).toBe(200);
    }
  });
});

describe("MCP servers", () => {
  it("creates a server with a 256-bit token stored only as its hash", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"], tags: ["tickets"] });
    expect(server.url).toMatch(new RegExp(`^${ORIGIN}/mcp/[A-Za-z0-9_-]{43}$`));
    expect(server.tools).toContain("list_all_e_desk_tickets");
    const token = server.url.split("/").pop()!;
    const keys = await env.TOKENS.list();
    for (const key of keys.keys) {
      expect(key.name).not.toContain(token);
      expect(await env.TOKENS.get(key.name)).not.toContain(token);
    }
    expect(keys.keys.some((k) => k.name.startsWith("token:"))).toBe(true);
  });

  it("never shows the url again after creation", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const list = await adminApi("GET", `/api/integrated-account/${accountId}/mcp`);
    expect(list.status).toBe(200);
    expect(list.body.result.map((s: { id: string }) => s.id)).toContain(server.id);
    expect(JSON.stringify(list.body)).not.toContain(server.url.split("/").pop());
    const one = await adminApi("GET", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    expect(one.body.url).toBeUndefined();
  });

  it("refuses a config that matches no tool, naming what exists", async () => {
    const accountId = await createAccount();
    const res = await adminApi("POST", `/api/integrated-account/${accountId}/mcp`, {
      name: "x",
      config: { methods: ["delete"], tags: ["channels"] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/matches no tool/);
  });

  it("refuses an expiry less than 60 s ahead", async () => {
    const accountId = await createAccount();
    const res = await adminApi("POST", `/api/integrated-account/${accountId}/mcp`, {
      name: "x",
      expires_at: new Date(Date.now() + 30_000).toISOString(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("expires_at");
  });

  it("patches name, config and expiry, and clears the expiry with null", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const path = `/api/integrated-account/${accountId}/mcp/${server.id}`;
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const patched = await adminApi("PATCH", path, {
      name: "Renamed",
      config: { methods: ["read"] },
      expires_at: expires,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "Renamed", expires_at: expires });
    const cleared = await adminApi("PATCH", path, { expires_at: null });
    expect(cleared.body.expires_at).toBeNull();
  });

  it("keeps servers of one account invisible from another", async () => {
    const a = await createAccount(DEMO_TOKEN);
    const b = await createAccount(ACME_TOKEN);
    const server = await createServer(a);
    expect((await adminApi("GET", `/api/integrated-account/${b}/mcp/${server.id}`)).status).toBe(
      404,
    );
    expect((await adminApi("DELETE", `/api/integrated-account/${b}/mcp/${server.id}`)).status).toBe(
      404,
    );
    const listB = await adminApi("GET", `/api/integrated-account/${b}/mcp`);
    expect(listB.body.result).toEqual([]);
  });
});
