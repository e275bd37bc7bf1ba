import { describe, expect, it } from "vitest";
import { adminApi, createAccount, DEMO_TOKEN } from "./helpers";

// The guard-rail fields of the admin API: what it takes, what it refuses (400 naming the field)
// and what it shows, in the answers and in the OpenAPI document.

const fieldsOf = (body: any) => body.error.details.map((d: { field: string }) => d.field);

describe("guard rails in the admin API", () => {
  it("refuses bad server config values with a 400 naming the field", async () => {
    const accountId = await createAccount();
    const bad: [Record<string, unknown>, string][] = [
      [{ confirm: "always" }, "config.confirm"],
      [{ confirm: true }, "config.confirm"],
      [{ max_calls_per_minute: 0 }, "config.max_calls_per_minute"],
      [{ max_calls_per_minute: 601 }, "config.max_calls_per_minute"],
      [{ max_calls_per_minute: 2.5 }, "config.max_calls_per_minute"],
      [{ max_calls_per_minute: "60" }, "config.max_calls_per_minute"],
      [{ loop_guard: "false" }, "config.loop_guard"],
    ];
    for (const [config, field] of bad) {
      const res = await adminApi("POST", `/api/integrated-account/${accountId}/mcp`, {
        name: "Guarded",
        config,
      });
      expect(res.status, JSON.stringify(config)).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
    }
  });

  it("stores and shows good server config values, and changes them with PATCH", async () => {
    const accountId = await createAccount();
    const config = { confirm: "customer_visible", max_calls_per_minute: 30, loop_guard: false };
    const created = await adminApi("POST", `/api/integrated-account/${accountId}/mcp`, {
      name: "Guarded",
      config,
    });
    expect(created.status).toBe(201);
    expect(created.body.config).toEqual(config);
    const patched = await adminApi(
      "PATCH",
      `/api/integrated-account/${accountId}/mcp/${created.body.id}`,
      { config: { confirm: "writes" } },
    );
    expect(patched.body.config).toEqual({ confirm: "writes" });
  });

  it("takes, shows and validates the account's max_calls_per_minute", async () => {
    const create = (extra: Record<string, unknown>) =>
      adminApi("POST", "/api/integrated-account", {
        integration: "edesk",
        credentials: { api_token: DEMO_TOKEN },
        ...extra,
      });
    for (const value of [9, 60_001, 12.5, "100", false]) {
      const res = await create({ max_calls_per_minute: value });
      expect(res.status, String(value)).toBe(400);
      expect(fieldsOf(res.body)).toContain("max_calls_per_minute");
    }
    const created = await create({ max_calls_per_minute: 500 });
    expect(created.status).toBe(201);
    expect(created.body.max_calls_per_minute).toBe(500);
    const id = created.body.id;
    const off = await adminApi("PATCH", `/api/integrated-account/${id}`, {
      max_calls_per_minute: null,
    });
    expect(off.status).toBe(200);
    expect(off.body.max_calls_per_minute).toBeNull();
    const bad = await adminApi("PATCH", `/api/integrated-account/${id}`, {
      max_calls_per_minute: 0,
    });
    expect(fieldsOf(bad.body)).toContain("max_calls_per_minute");
    const listed = await adminApi("GET", "/api/integrated-account?limit=100");
    const row = listed.body.result.find((account: { id: string }) => account.id === id);
    expect(row?.max_calls_per_minute ?? null).toBeNull();
  });

  it("documents every guard-rail field in the OpenAPI document", async () => {
    const res = await adminApi("GET", "/api/openapi.json");
    const text = JSON.stringify(res.body);
    for (const word of ["confirm", "customer_visible", "loop_guard", "max_calls_per_minute"]) {
      expect(text).toContain(word);
    }
    const account = res.body.paths["/api/integrated-account"].post.requestBody;
    expect(JSON.stringify(account)).toContain("max_calls_per_minute");
    const patch = res.body.paths["/api/integrated-account/{id}"].patch.requestBody;
    expect(JSON.stringify(patch)).toContain("max_calls_per_minute");
  });
});
