import { beforeEach, describe, expect, it } from "vitest";
import { call, codes, listAll, resetAll } from "./helpers";

beforeEach(resetAll);

const template = {
  name: "Holiday Cut-off Dates",
  body_text: "Order by 18 December for delivery before Christmas.",
  template_usage: "Manual",
  template_type: ["Consumer"],
  active: true,
  query_type: ["ShippingQuery"],
  ai_classification: [{ classification: "ShipmentInstructions" }],
  attachments: [{ url: "https://files.example.com/cutoffs.pdf", name: "cutoffs.pdf" }],
};

describe("templates (§2.6)", () => {
  it("GET /templates lists templates and GET /templates/{id} returns one", async () => {
    const { rows, total } = await listAll("/templates");
    expect(total).toBeGreaterThanOrEqual(10);
    const delay = rows.find((t) => t.name === "International Shipping Delay");
    const { status, body } = await call("GET", `/templates/${delay.id}`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      name: "International Shipping Delay",
      template_usage: "Manual",
      active: true,
    });
  });

  it("POST /templates creates a template", async () => {
    const { status, body } = await call("POST", "/templates", { body: template });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      name: "Holiday Cut-off Dates",
      ai_classification: { classification: "ShipmentInstructions", quick_reply: false },
      attachments: [{ name: "cutoffs.pdf", mime: "application/pdf" }],
      invoice_attached: false,
    });
    expect((await call("GET", `/templates/${body.data.id}`)).body.data).toEqual(body.data);
  });

  it("POST /templates validates required fields and enums", async () => {
    expect(codes((await call("POST", "/templates", { body: {} })).body)).toEqual({
      name: "4001",
      body_text: "4001",
      template_usage: "4001",
      template_type: "4001",
      active: "4001",
    });
    const bad = await call("POST", "/templates", {
      body: {
        ...template,
        template_usage: "Auto",
        template_type: "Consumer",
        active: "yes",
        channels: [999],
        query_type: ["Nope"],
      },
    });
    expect(codes(bad.body)).toEqual({
      template_usage: "4007",
      template_type: "4006",
      active: "4009",
      "channels.0": "4002",
      "query_type.0": "4007",
    });
  });

  it("PUT /templates/{id} replaces the template", async () => {
    const created = (await call("POST", "/templates", { body: template })).body.data;
    const { status, body } = await call("PUT", `/templates/${created.id}`, {
      body: {
        name: "Renamed",
        body_text: "New text",
        template_usage: "ManualAuto",
        template_type: ["Internal"],
        active: false,
      },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      id: created.id,
      name: "Renamed",
      template_type: ["Internal"],
      active: false,
      query_type: null,
      ai_classification: null,
    });
    expect(
      codes((await call("PUT", `/templates/${created.id}`, { body: { name: "Only name" } })).body),
    ).toHaveProperty("body_text", "4001");
  });

  it("DELETE /templates/{id} removes it", async () => {
    const created = (await call("POST", "/templates", { body: template })).body.data;
    const { status, body } = await call("DELETE", `/templates/${created.id}`);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect((await call("GET", `/templates/${created.id}`)).status).toBe(404);
  });
});

describe("tags and tag groups (§2.7)", () => {
  it("GET /tags and GET /tag-groups list the catalogue", async () => {
    const tags = await call("GET", "/tags");
    expect(tags.status).toBe(200);
    expect(tags.body.data[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      active: expect.any(Boolean),
      tag_group_id: expect.any(Number),
      color: expect.stringMatching(/^[0-9A-F]{6}$/),
      icon: expect.any(String),
    });
    const groups = await call("GET", "/tag-groups");
    expect(groups.status).toBe(200);
    expect(groups.body.data[0]).toEqual({
      id: 801,
      name: "Order Issues",
      user_id: 17,
      entity_type: "Ticket",
      type: "Default",
      hide: false,
    });
    expect(groups.body.paginator.totalItemsCount).toBe(4);
  });

  it("GET /tags/{id} returns one tag", async () => {
    expect((await call("GET", "/tags/12001")).body.data).toMatchObject({
      name: "Damaged Goods",
      tag_group_id: 801,
    });
  });

  it("POST /tags creates a tag and refuses a duplicate name (4003)", async () => {
    const { status, body } = await call("POST", "/tags", {
      body: { name: "Fragile", tag_group_id: 801, color: "F44336", icon: "exclamation" },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ name: "Fragile", active: true, color: "F44336" });
    const dup = await call("POST", "/tags", { body: { name: "damaged goods", tag_group_id: 801 } });
    expect(codes(dup.body)).toEqual({ name: "4003" });
    const bad = await call("POST", "/tags", {
      body: { name: "X", tag_group_id: 5, color: "#F44336", icon: "rocket", active: "no" },
    });
    expect(codes(bad.body)).toEqual({
      tag_group_id: "4002",
      color: "4007",
      icon: "4007",
      active: "4009",
    });
  });

  it("PUT /tags/{id} updates only sent fields and rejects an unchanged name (4003)", async () => {
    const unchanged = await call("PUT", "/tags/12001", {
      body: { name: "Damaged Goods", color: "E91E63" },
    });
    expect(unchanged.status).toBe(400);
    expect(codes(unchanged.body)).toEqual({ name: "4003" });
    const { body } = await call("PUT", "/tags/12001", { body: { color: "E91E63" } });
    expect(body.data).toMatchObject({
      name: "Damaged Goods",
      color: "E91E63",
      icon: "exclamation",
    });
    expect(
      (await call("PUT", "/tags/12001", { body: { name: "Damaged in Transit" } })).body.data.name,
    ).toBe("Damaged in Transit");
  });

  it("DELETE /tags/{id} removes the tag from the catalogue and from tickets", async () => {
    const { status, body } = await call("DELETE", "/tags/12006");
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect((await call("GET", "/tags/12006")).status).toBe(404);
    expect((await call("GET", "/tickets/99421")).body.data.tags_ids).not.toContain(12006);
  });
});
