import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../simulator/src/index";
import { ACME, READ_ONLY, call, simEnv } from "./helpers";

const fetchWith = (url: string, init: RequestInit, env = simEnv()) =>
  worker.fetch(new Request(url, init) as Parameters<typeof worker.fetch>[0], env);

describe("authentication (§1)", () => {
  it("answers 401 in the error envelope without a token", async () => {
    const { status, body } = await call("GET", "/tickets", { token: null });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: { httpCode: 401, message: "Unauthorized", details: expect.any(String) },
    });
  });

  it("answers 401 to an unknown token and never echoes it", async () => {
    const { status, body } = await call("GET", "/whoami", { token: "not-a-real-token" });
    expect(status).toBe(401);
    expect(JSON.stringify(body)).not.toContain("not-a-real-token");
  });

  it("identifies the token's account with GET /whoami", async () => {
    const demo = await call("GET", "/whoami");
    expect(demo.status).toBe(200);
    expect(demo.body.data.user).toMatchObject({ id: 17, role: "admin" });
    const acme = await call("GET", "/whoami", { token: ACME });
    expect(acme.body.data.user.id).not.toBe(17);
  });

  it("lets a read-only token read but answers 403 to every write", async () => {
    expect((await call("GET", "/tickets/1409923", { token: READ_ONLY })).status).toBe(200);
    const writes = [
      ["POST", "/messages", { ticket_id: 1409923, body: "x", type: "Note" }],
      ["PUT", "/tickets/1409923", { subject: "x" }],
      ["DELETE", "/tickets/1409923", undefined],
    ] as const;
    for (const [method, path, body] of writes) {
      const res = await call(method, path, { token: READ_ONLY, body });
      expect(res.status).toBe(403);
      expect(res.body.error.httpCode).toBe(403);
    }
    expect((await call("GET", "/tickets/1409923")).body.data.subject).not.toBe("x");
  });
});

describe("isolation between accounts", () => {
  it("never shows one account's records to another", async () => {
    expect((await call("GET", "/tickets/1409923", { token: ACME })).status).toBe(404);
    expect((await call("GET", "/sales-orders/509211", { token: ACME })).status).toBe(404);
    const acmeTickets = (
      await call("GET", "/tickets", { token: ACME, query: { itemsPerPage: 100 } })
    ).body.data;
    const demoIds = new Set(
      (await call("GET", "/tickets", { query: { itemsPerPage: 100 } })).body.data.map(
        (t: any) => t.id,
      ),
    );
    expect(acmeTickets.some((t: any) => demoIds.has(t.id))).toBe(false);
  });

  it("keeps writes inside the writing account", async () => {
    await call("PUT", "/tickets/1409923", { body: { subject: "Only demo sees this" } });
    const acme = (await call("GET", "/tickets", { token: ACME, query: { itemsPerPage: 100 } })).body
      .data;
    expect(acme.some((t: any) => t.subject === "Only demo sees this")).toBe(false);
  });
});

describe("unknown routes and objects (§3, §6)", () => {
  it("answers 404 in the envelope for unknown routes and wrong methods", async () => {
    for (const [method, path] of [
      ["GET", "/tickets/1409923/messages"],
      ["GET", "/nothing"],
      ["PATCH", "/tickets/1409923"],
      ["GET", "/tickets/abc"],
    ]) {
      const { status, body } = await call(method!, path!);
      expect(status).toBe(404);
      expect(body.error).toMatchObject({ httpCode: 404, message: "Not found" });
    }
    const outside = await SELF.fetch("http://sim/v2/tickets");
    expect(outside.status).toBe(404);
  });

  it("answers 404 for an unknown id on GET, PUT and DELETE", async () => {
    for (const [method, path] of [
      ["GET", "/tickets/1"],
      ["PUT", "/sales-orders/2"],
      ["DELETE", "/templates/3"],
      ["GET", "/messages/4"],
      ["PUT", "/tags/5"],
      ["DELETE", "/order-notes/6"],
      ["GET", "/sales-orders-tracking-links/7"],
    ]) {
      const { status, body } = await call(method!, path!, {
        body: method === "GET" ? undefined : {},
      });
      expect(status).toBe(404);
      expect(body.error.httpCode).toBe(404);
    }
  });

  it("answers 400 to a body that is not JSON", async () => {
    const { status, body } = await call("PUT", "/tickets/1409923", {
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(status).toBe(400);
    expect(body.error.httpCode).toBe(400);
  });
});

describe("test-only control API", () => {
  it("is an unknown route when SIM_CONTROL is off", async () => {
    const off = simEnv({ SIM_CONTROL: "off" });
    for (const [method, path] of [
      ["POST", "/__sim/reset"],
      ["PUT", "/__sim/bucket"],
      ["GET", "/__sim/requests?tenant=demo"],
      ["DELETE", "/__sim/requests"],
    ]) {
      const res = await fetchWith(`http://sim${path}`, { method }, off);
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).error.httpCode).toBe(404);
    }
  });

  it("needs no token when on", async () => {
    const res = await SELF.fetch("http://sim/__sim/requests?tenant=demo");
    expect(res.status).toBe(200);
  });
});
