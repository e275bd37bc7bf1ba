import { describe, expect, it } from "vitest";
import { catalogTools } from "../../../src/catalog/index";
import { previewTools, toolNames, toolSetFor } from "../../../src/engine/tools/toolset";
import { edeskError, json, type SentRequest } from "../edesk/fake-fetch";
import { fakeContext, text } from "./fixtures";

// The engine over the real catalog (src/catalog): every tool must list and call cleanly.

describe("the real catalog as MCP tools", () => {
  const set = toolSetFor({});

  it("lists every catalog tool once, in catalog order", () => {
    expect(set.tools.map((tool) => tool.name)).toEqual(catalogTools().map((tool) => tool.name));
  });

  it("gives every tool an object input schema and a description", () => {
    for (const tool of set.tools) {
      expect(tool.name.length).toBeLessThanOrEqual(64);
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.inputSchema, tool.name).not.toHaveProperty("$schema");
      expect(tool.description?.length, tool.name).toBeGreaterThan(15);
    }
  });

  it("gives every list tool limit and next_cursor", () => {
    const lists = set.tools.filter((tool) => tool.name.startsWith("list_all_"));
    expect(lists.length).toBeGreaterThan(5);
    for (const tool of lists) {
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(
        expect.arrayContaining(["limit", "next_cursor"]),
      );
    }
  });

  it("previews a config's tools for the admin API", () => {
    const rows = previewTools({ methods: ["read"], tags: ["tickets"] });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toEqual({
        name: expect.any(String),
        description: expect.any(String),
        method: expect.any(String),
        resource: expect.any(String),
        tags: expect.arrayContaining(["tickets"]),
      });
    }
    expect(toolNames({ tags: ["no-such-tag"] })).toEqual([]);
    expect(toolNames({})).toEqual(set.names);
  });
});

describe("calling real catalog tools against a fake eDesk", () => {
  const set = toolSetFor({});

  it("lists tickets with filters, page and itemsPerPage", async () => {
    const { ctx, requests } = fakeContext(() =>
      json(200, {
        data: [{ id: 1, subject: "Where is my order?" }],
        paginator: { currentPage: 1, itemsPerPage: 5, totalItemsCount: 9 },
      }),
    );
    const result = await set.call(
      "list_all_e_desk_tickets",
      { filter_status_equals: "Open", order_by: "created_at", limit: 5 },
      ctx,
    );
    expect(result.isError).toBeUndefined();
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({
      filter_status_equals: "Open",
      order_by: "created_at",
      page: "1",
      itemsPerPage: "5",
    });
    const page = result.structuredContent as { next_cursor: string };
    const { ctx: ctx2, requests: second } = fakeContext(() =>
      json(200, { data: [], paginator: {} }),
    );
    await set.call("list_all_e_desk_tickets", { next_cursor: page.next_cursor }, ctx2);
    expect(second[0].url.searchParams.get("page")).toBe("2");
  });

  it("uploads order-note attachments as multipart attachments[] + attachmentType", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 3, text: "n" } }));
    const result = await set.call(
      "create_a_e_desk_order_note_attachment",
      {
        order_note_id: 3,
        attachments: [{ name: "inv.pdf", mime: "application/pdf", content_base64: btoa("%PDF-1") }],
        attachment_type: "Invoice",
      },
      ctx,
    );
    expect(result.isError).toBeUndefined();
    const sent = requests[0] as SentRequest;
    expect(sent.url.pathname).toBe("/v1/order-notes/3/attachments");
    const form = sent.body as FormData;
    expect((form.get("attachments[]") as File).name).toBe("inv.pdf");
    expect(form.get("attachmentType")).toBe("Invoice");
  });

  it("runs a composite tool with several upstream calls and reports each", async () => {
    const { ctx, requests, upstream } = fakeContext((request) => {
      if (request.url.pathname === "/v1/tickets/10") {
        return json(200, { data: { id: 10, messages_ids: [21, 22], sales_order_id: null } });
      }
      return json(200, { data: { id: Number(request.url.pathname.split("/").pop()), body: "hi" } });
    });
    const result = await set.call("get_e_desk_ticket_context", { id: 10 }, ctx);
    expect(result.isError).toBeUndefined();
    expect(requests).toHaveLength(3);
    expect(upstream.map((call) => call.status)).toEqual([200, 200, 200]);
    expect(result.structuredContent).toMatchObject({ ticket: { id: 10 }, messages: [{}, {}] });
    expect(result._meta).toMatchObject({ "ratelimit-remaining": 57 });
  });

  it("turns eDesk's 400 on a real create into field-level guidance", async () => {
    const { ctx } = fakeContext(() =>
      edeskError(400, "Validation failed", { tag_group_id: { errorCode: "4002" } }),
    );
    const result = await set.call("create_a_e_desk_tag", { name: "VIP", tag_group_id: 999 }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("- tag_group_id: object not found (error 4002)");
  });

  it("runs discovery over the real catalog, respecting tags", async () => {
    const discovery = toolSetFor({ tool_exposure: "discovery", tags: ["sales_orders"] });
    expect(discovery.tools).toHaveLength(3);
    const { ctx } = fakeContext(() => json(200, {}));
    const found = await discovery.call("search_tools", { query: "tracking" }, ctx);
    const names = (found.structuredContent as { result: { name: string }[] }).result.map(
      (r) => r.name,
    );
    expect(names.some((name) => name.includes("tracking_link"))).toBe(true);
    expect(names.some((name) => name.includes("ticket"))).toBe(false);
  });
});
