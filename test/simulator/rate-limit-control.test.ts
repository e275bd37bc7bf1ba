import { beforeEach, describe, expect, it } from "vitest";
import { ACME, READ_ONLY, call, control, resetAll } from "./helpers";

beforeEach(resetAll);

const OUT_OF_QUOTA = {
  error: { httpCode: 429, message: "Too many requests", details: "Out of quota" },
};

describe("rate limit (§3)", () => {
  it("allows a burst of 60 per token, then answers 429 Out of quota with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await call("GET", "/whoami")).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // A token refills every 500 ms while the loop runs, so allow a few more before the 429.
    let limited = await call("GET", "/whoami");
    for (let i = 0; i < 10 && limited.status === 200; i++) limited = await call("GET", "/whoami");
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(OUT_OF_QUOTA);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect([...limited.headers.keys()].some((h) => h.startsWith("x-ratelimit"))).toBe(false);
  });

  it("uses the bucket set by PUT /__sim/bucket for every token, each with its own bucket", async () => {
    const set = await control("PUT", "/bucket", { capacity: 2, refill_per_second: 0 });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ capacity: 2, refill_per_second: 0 });
    expect((await call("GET", "/tickets")).status).toBe(200);
    expect(
      (await call("POST", "/messages", { body: { ticket_id: 99421, body: "n", type: "Note" } }))
        .status,
    ).toBe(200);
    const third = await call("GET", "/tickets/99421");
    expect(third.status).toBe(429);
    expect(third.body).toEqual(OUT_OF_QUOTA);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Other tokens, in the same account or another, have their own buckets.
    expect((await call("GET", "/whoami", { token: READ_ONLY })).status).toBe(200);
    expect((await call("GET", "/whoami", { token: ACME })).status).toBe(200);
  });

  it("refuses an invalid bucket configuration", async () => {
    expect((await control("PUT", "/bucket", { capacity: 0, refill_per_second: 1 })).status).toBe(
      400,
    );
    expect((await control("PUT", "/bucket", { capacity: 5 })).status).toBe(400);
  });

  it("POST /__sim/reset restores the default bucket, the data and an empty log", async () => {
    await control("PUT", "/bucket", { capacity: 1, refill_per_second: 0 });
    await call("PUT", "/tickets/99421", { body: { subject: "changed" } });
    expect((await call("GET", "/whoami")).status).toBe(429);
    expect((await control("POST", "/reset", { tenant: "demo" })).body.data).toEqual({
      reset: ["demo"],
    });
    expect((await control("GET", "/requests?tenant=demo")).body.data).toEqual([]);
    expect((await call("GET", "/tickets/99421")).body.data.subject).toBe("Vase arrived shattered");
    for (let i = 0; i < 10; i++) expect((await call("GET", "/whoami")).status).toBe(200);
  });
});

describe("request log (test-only control API)", () => {
  it("records each API call of the tenant, oldest first", async () => {
    await control("DELETE", "/requests");
    await call("GET", "/tickets", { query: { page: 2, filter_status_equals: "Open" } });
    await call("POST", "/messages", {
      body: { ticket_id: 99421, body: "Looking into it", type: "Note" },
    });
    await call("GET", "/tickets/1", {});
    const { status, body } = await control("GET", "/requests?tenant=demo");
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        method: "GET",
        path: "/v1/tickets",
        query: { page: "2", filter_status_equals: "Open" },
        body: null,
        status: 200,
        time: expect.any(String),
      },
      {
        method: "POST",
        path: "/v1/messages",
        query: {},
        body: { ticket_id: 99421, body: "Looking into it", type: "Note" },
        status: 200,
        time: expect.any(String),
      },
      {
        method: "GET",
        path: "/v1/tickets/1",
        query: {},
        body: null,
        status: 404,
        time: expect.any(String),
      },
    ]);
    expect(body.data[0].time <= body.data[2].time).toBe(true);
  });

  it("keeps each tenant's log separate and clears it on request", async () => {
    await control("DELETE", "/requests");
    await call("GET", "/channels", { token: ACME });
    expect((await control("GET", "/requests?tenant=demo")).body.data).toEqual([]);
    expect(
      (await control("GET", "/requests?tenant=acme")).body.data.map((r: any) => r.path),
    ).toEqual(["/v1/channels"]);
    expect((await control("DELETE", "/requests?tenant=acme")).status).toBe(200);
    expect((await control("GET", "/requests?tenant=acme")).body.data).toEqual([]);
  });

  it("does not log unauthenticated calls and needs a tenant to read", async () => {
    await control("DELETE", "/requests");
    await call("GET", "/tickets", { token: null });
    expect((await control("GET", "/requests?tenant=demo")).body.data).toEqual([]);
    expect((await control("GET", "/requests")).status).toBe(400);
  });

  it("logs multipart uploads by field and file name", async () => {
    const note = (
      await call("POST", "/order-notes", { body: { sales_order_id: 11092, text: "x" } })
    ).body.data;
    await control("DELETE", "/requests");
    const form = new FormData();
    form.append("attachments[]", new File(["x"], "photo.png", { type: "image/png" }));
    form.append("attachmentType", "Other");
    await call("POST", `/order-notes/${note.id}/attachments`, { body: form });
    const [entry] = (await control("GET", "/requests?tenant=demo")).body.data;
    expect(entry.body).toEqual({
      fields: { attachmentType: "Other" },
      files: [{ field: "attachments[]", name: "photo.png", type: "image/png" }],
    });
  });
});
