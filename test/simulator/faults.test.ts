import { SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, DEMO, call, control, controlAll, resetAll } from "./helpers";

beforeEach(resetAll);

const TICKET = 99421;
const NOTE = { ticket_id: TICKET, body: "Checked with the courier.", type: "Note" };

/** A `/v1` call whose body is read as text: faulted bodies are not always JSON. */
async function raw(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${DEMO}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return SELF.fetch(`http://sim/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const setFaults = (rules: unknown[], seed?: number) =>
  control("PUT", "/faults", seed === undefined ? { rules } : { rules, seed });

const injected = async (tenant = "demo") =>
  (await control("GET", `/faults?tenant=${tenant}`)).body.data.injected;

const lastLogged = async () => (await control("GET", "/requests?tenant=demo")).body.data.at(-1);

const messageCount = async () => (await call("GET", `/tickets/${TICKET}`)).body.data.messages_ids;

describe("fault kinds (PUT /__sim/faults)", () => {
  it("answers an injected 503 in eDesk's error envelope, logs it and counts it", async () => {
    const put = await setFaults([{ kind: "status", status: 503 }]);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ data: { rules: [{ kind: "status", status: 503 }] } });
    const { status, body } = await call("GET", `/tickets/${TICKET}`);
    expect(status).toBe(503);
    expect(body).toEqual({
      error: { httpCode: 503, message: "Service unavailable", details: expect.any(String) },
    });
    expect(await lastLogged()).toMatchObject({ status: 503, fault: "status" });
    expect(await control("GET", "/faults?tenant=demo")).toMatchObject({
      status: 200,
      body: { data: { rules: [{ kind: "status", status: 503 }], injected: { "503": 1 } } },
    });
  });

  it("answers an injected 429 like the empty bucket: documented body and Retry-After", async () => {
    await setFaults([{ kind: "status", status: 429, times: 1 }]);
    const { status, body, headers } = await call("GET", "/whoami");
    expect(status).toBe(429);
    expect(body).toEqual({
      error: { httpCode: 429, message: "Too many requests", details: "Out of quota" },
    });
    // The default bucket refills 2 per second, so an empty one is ready again within 1 s.
    expect(headers.get("retry-after")).toBe("1");
  });

  it("takes no rate-limit token for a faulted request", async () => {
    await control("PUT", "/bucket", { capacity: 1, refill_per_second: 0 });
    await setFaults([{ kind: "status", status: 500, times: 3 }]);
    for (let i = 0; i < 3; i++) expect((await call("GET", "/whoami")).status).toBe(500);
    expect((await call("GET", "/whoami")).status).toBe(200);
    expect((await call("GET", "/whoami")).status).toBe(429);
  });

  it("answers an injected 401 with the body of an expired token", async () => {
    await setFaults([{ kind: "status", status: 401 }]);
    const faulted = await call("GET", "/tickets");
    const expired = await call("GET", "/tickets", { token: "revoked-token" });
    expect(faulted.status).toBe(401);
    expect(faulted.body).toEqual(expired.body);
  });

  it("delays the answer, then answers normally", async () => {
    await setFaults([{ kind: "delay", delay_ms: 150 }]);
    const started = Date.now();
    const { status, body } = await call("GET", `/tickets/${TICKET}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(status).toBe(200);
    expect(body.data.id).toBe(TICKET);
    expect(await lastLogged()).toMatchObject({ status: 200, fault: "delay" });
  });

  it("truncates a 200's JSON body to its first half", async () => {
    const whole = await (await raw("GET", `/tickets/${TICKET}`)).text();
    await setFaults([{ kind: "truncate" }]);
    const response = await raw("GET", `/tickets/${TICKET}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    expect(() => JSON.parse(text)).toThrow();
    expect(await lastLogged()).toMatchObject({ status: 200, fault: "truncate" });
  });

  it("answers a 200 with a proxy's HTML error page for non_json", async () => {
    await setFaults([{ kind: "non_json" }]);
    const response = await raw("GET", "/channels");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toMatch(/^<html>[\s\S]*Bad Gateway/);
  });

  it("answers a 200 with an empty body for empty", async () => {
    await setFaults([{ kind: "empty" }]);
    const response = await raw("GET", "/channels");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("breaks the body after the headers for reset", async () => {
    await setFaults([{ kind: "reset" }]);
    const response = await raw("GET", `/tickets/${TICKET}`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(await lastLogged()).toMatchObject({ status: 200, fault: "reset" });
    expect(await injected()).toEqual({ reset: 1 });
  });
});

describe("which requests a rule faults", () => {
  it("applies a times rule to the next N matching requests, then it is spent", async () => {
    await setFaults([{ kind: "status", status: 502, times: 2 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/whoami")).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
    expect(await injected()).toEqual({ "502": 2 });
  });

  it("matches method and path prefix by whole segments", async () => {
    await setFaults([
      { kind: "status", status: 500, method: "POST", path: "/messages" },
      { kind: "status", status: 503, path: "/sales-orders" },
    ]);
    const messageId = (await call("GET", `/tickets/${TICKET}`)).body.data.messages_ids[0];
    expect((await call("GET", `/messages/${messageId}`)).status).toBe(200);
    expect((await call("POST", "/messages", { body: NOTE })).status).toBe(500);
    expect((await call("PUT", `/tickets/${TICKET}`, { body: { subject: "x" } })).status).toBe(200);
    expect((await call("GET", "/sales-orders")).status).toBe(503);
    expect((await call("GET", "/sales-orders/11092")).status).toBe(503);
    expect((await call("GET", "/sales-orders-tracking-links/11092")).status).toBe(200);
    expect(await injected()).toEqual({ "500": 1, "503": 2 });
  });

  it("tries rules in order: the first that applies wins", async () => {
    await setFaults([
      { kind: "status", status: 500, times: 1 },
      { kind: "status", status: 503, times: 1 },
    ]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call("GET", "/whoami")).status);
    expect(statuses).toEqual([500, 503, 200]);
  });

  it("draws probability rules from a seeded PRNG: the same seed faults the same requests", async () => {
    const pattern = async (seed: number) => {
      await setFaults([{ kind: "status", status: 500, probability: 0.3 }], seed);
      const faulted: boolean[] = [];
      for (let i = 0; i < 40; i++) faulted.push((await call("GET", "/whoami")).status === 500);
      return faulted;
    };
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(await pattern(7)).not.toEqual(first);
    const count = first.filter(Boolean).length;
    expect(count).toBeGreaterThan(3);
    expect(count).toBeLessThan(25);
    expect(await injected()).toEqual({ "500": expect.any(Number) });
  });

  it("leaves unauthenticated requests alone", async () => {
    await setFaults([{ kind: "status", status: 500 }]);
    expect((await call("GET", "/tickets", { token: null })).status).toBe(401);
    expect(await injected()).toEqual({});
  });

  it("applies to every tenant and counts each tenant's faults apart", async () => {
    await controlAll("PUT", "/faults", { rules: [{ kind: "status", status: 502 }] });
    expect((await call("GET", "/whoami", { token: ACME })).status).toBe(502);
    expect((await call("GET", "/whoami", { token: ACME })).status).toBe(502);
    expect((await call("GET", "/whoami")).status).toBe(502);
    expect((await controlAll("GET", "/faults?tenant=acme")).body.data.injected).toEqual({
      "502": 2,
    });
    expect((await controlAll("GET", "/faults?tenant=demo")).body.data.injected).toEqual({
      "502": 1,
    });
  });
});

describe("faulted writes", () => {
  it("write nothing, whatever the fault", async () => {
    const before = await messageCount();
    for (const rule of [
      { kind: "status", status: 500 },
      { kind: "status", status: 429 },
      { kind: "truncate" },
      { kind: "non_json" },
      { kind: "empty" },
      { kind: "reset" },
    ]) {
      await setFaults([{ ...rule, method: "POST" }]);
      const response = await raw("POST", "/messages", NOTE);
      await response.text().catch(() => "");
      await setFaults([{ ...rule, method: "PUT" }]);
      await (await raw("PUT", `/tickets/${TICKET}`, { subject: "Changed" })).text().catch(() => "");
    }
    await control("DELETE", "/faults");
    expect(await messageCount()).toEqual(before);
    expect((await call("GET", `/tickets/${TICKET}`)).body.data.subject).toBe(
      "Vase arrived shattered",
    );
  });

  it("are applied after a delay fault's wait", async () => {
    const before = await messageCount();
    await setFaults([{ kind: "delay", delay_ms: 10, method: "POST" }]);
    const { status, body } = await call("POST", "/messages", { body: NOTE });
    expect(status).toBe(200);
    expect(await messageCount()).toEqual([...before, body.data.id]);
  });
});

describe("clearing and refusing rules", () => {
  it("DELETE /__sim/faults and POST /__sim/reset clear the rules and their counts", async () => {
    await setFaults([{ kind: "status", status: 500 }]);
    await call("GET", "/whoami");
    expect(await control("DELETE", "/faults")).toMatchObject({
      status: 200,
      body: { data: { rules: [] } },
    });
    expect((await call("GET", "/whoami")).status).toBe(200);
    expect((await control("GET", "/faults?tenant=demo")).body).toEqual({
      data: { rules: [], injected: {} },
    });

    await setFaults([{ kind: "status", status: 500 }]);
    await call("GET", "/whoami");
    await control("POST", "/reset", {});
    expect((await call("GET", "/whoami")).status).toBe(200);
    expect((await control("GET", "/faults?tenant=demo")).body).toEqual({
      data: { rules: [], injected: {} },
    });
  });

  it.each([
    [{ rules: [{ kind: "explode" }] }, "rules[0].kind"],
    [{ rules: [{ kind: "status" }] }, "rules[0].status"],
    [{ rules: [{ kind: "status", status: 200 }] }, "rules[0].status"],
    [{ rules: [{ kind: "delay" }] }, "rules[0].delay_ms"],
    [{ rules: [{ kind: "truncate", status: 500 }] }, "rules[0].status"],
    [{ rules: [{ kind: "empty", method: "PATCH" }] }, "rules[0].method"],
    [{ rules: [{ kind: "empty", path: "tickets" }] }, "rules[0].path"],
    [{ rules: [{ kind: "empty" }, { kind: "empty", times: 0 }] }, "rules[1].times"],
    [{ rules: [{ kind: "empty", probability: 0 }] }, "rules[0].probability"],
    [{ rules: [{ kind: "empty", probability: 1.5 }] }, "rules[0].probability"],
    [{ rules: [{ kind: "empty", times: 1, probability: 0.5 }] }, "not both"],
    [{ rules: [{ kind: "empty", delayMs: 5 }] }, "delayMs"],
    [{ rules: [], seed: "x" }, "seed"],
    [{ kind: "empty" }, '{"rules"'],
  ])("refuses %j with a 400 that names the problem", async (body, mention) => {
    const { status, body: reply } = await control("PUT", "/faults", body);
    expect(status).toBe(400);
    expect(reply.error).toMatchObject({ httpCode: 400, message: "Invalid fault rules" });
    expect(reply.error.details).toContain(mention);
  });

  it("needs a tenant to report on", async () => {
    expect((await control("GET", "/faults")).status).toBe(400);
  });
});
