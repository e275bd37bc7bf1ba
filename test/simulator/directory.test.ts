import { describe, expect, it } from "vitest";
import { call, codes, listAll } from "./helpers";

describe("contacts (§2.8)", () => {
  it("lists contacts with a paginator", async () => {
    const { status, body } = await call("GET", "/contacts");
    expect(status).toBe(200);
    expect(body.data[0]).toEqual({
      id: expect.any(Number),
      channel_id: expect.any(Number),
      client_id: 7301,
      full_name: expect.any(String),
      phone_number: expect.toBeOneOf([null, expect.any(String)]),
      email: expect.any(String),
    });
    expect(body.paginator.totalItemsCount).toBeGreaterThan(100);
  });

  it("filters by email, name, full text, consumer id and phone number", async () => {
    const byEmail = (
      await call("GET", "/contacts", { query: { email: "ELEANOR.HARTLEY@example.com" } })
    ).body.data;
    expect(byEmail).toHaveLength(1);
    const eleanor = byEmail[0];
    expect(eleanor.full_name).toBe("Eleanor Hartley");
    expect((await listAll("/contacts", { name: "hartley" })).rows.map((c) => c.id)).toContain(
      eleanor.id,
    );
    expect(
      (await listAll("/contacts", { fsf_query: "eleanor.hart" })).rows.map((c) => c.id),
    ).toEqual([eleanor.id]);
    expect((await listAll("/contacts", { consumer_id: eleanor.id })).rows).toEqual([eleanor]);
    expect(
      (await listAll("/contacts", { phone_number: "555-0142" })).rows.map((c) => c.id),
    ).toContain(eleanor.id);
    expect((await listAll("/contacts", { email: "nobody@example.com" })).total).toBe(0);
  });

  it("rejects a non-numeric consumer_id with 4005", async () => {
    expect(
      codes((await call("GET", "/contacts", { query: { consumer_id: "eleanor" } })).body),
    ).toEqual({ consumer_id: "4005" });
  });
});

describe("channels and users (§2.8)", () => {
  it("lists the Amazon, eBay and Shopify channels with country and currency", async () => {
    const { status, body } = await call("GET", "/channels");
    expect(status).toBe(200);
    expect(body.data.map((c: any) => [c.type, c.country, c.currency])).toEqual([
      ["Amazon", "US", "USD"],
      ["eBay", "GB", "GBP"],
      ["Shopify", "US", "USD"],
    ]);
    expect(body.paginator.totalItemsCount).toBe(3);
  });

  it("lists users, including the escalation lead with id 42", async () => {
    const { status, body } = await call("GET", "/users");
    expect(status).toBe(200);
    expect(body.data).toHaveLength(6);
    expect(body.data.find((u: any) => u.id === 42)).toEqual({
      id: 42,
      name: "Dana Whitfield",
      email: expect.any(String),
      active: true,
      username: "dana.whitfield",
      role: "supervisor",
    });
  });
});
