import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { JsonRpcError, toJsonRpcError } from "../../../src/server/mcp/json-rpc";
import { UnknownToolError } from "../../../src/engine/tools/toolset";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../../src/engine/tools/cursor";
import { MAX_UPSTREAM_PER_REQUEST } from "../../../src/engine/tools/upstream-budget";
import { catalogTools } from "../../../src/catalog/index";
import { createToolSet } from "../../../src/engine/tools/toolset";
import { json } from "../edesk/fake-fetch";
import { fakeContext, fixtureTools, text } from "./fixtures";

const all = createToolSet(fixtureTools(), {});
const LIST = "list_all_e_desk_tickets";

describe("calling a tool", () => {
  it("gets one object, unwrapped from {data}, with the rate-limit figures", async () => {
    const { ctx, requests, upstream } = fakeContext(() =>
      json(200, { data: { id: 7, subject: "Hi" } }),
    );
    const result = await all.call("get_single_e_desk_ticket_by_id", { id: 7 }, ctx);
    expect(requests[0].method).toBe("GET");
    expect(requests[0].url.pathname).toBe("/v1/tickets/7");
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ id: 7, subject: "Hi" });
    expect(JSON.parse(text(result))).toEqual({ id: 7, subject: "Hi" });
    expect(result._meta).toEqual({
      "ratelimit-limit": 60,
      "ratelimit-remaining": 59,
      "ratelimit-reset": 1,
    });
    expect(upstream).toEqual([
      { method: "GET", path: "/tickets/7", status: 200, ms: expect.any(Number) },
    ]);
  });

  it("creates with a JSON body of the body fields", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 1 } }));
    await all.call("create_a_e_desk_ticket", { subject: "Late", channel_id: 3 }, ctx);
    expect(requests[0].method).toBe("POST");
    expect(JSON.parse(requests[0].body as string)).toEqual({ subject: "Late", channel_id: 3 });
  });

  it("returns a delete's top-level {ok, message}", async () => {
    const { ctx } = fakeContext(() => json(200, { ok: true, message: "Ticket archived" }));
    const result = await all.call("delete_a_e_desk_ticket_by_id", { id: 2 }, ctx);
    expect(result.structuredContent).toEqual({ ok: true, message: "Ticket archived" });
  });

  it("sends a multipart operation as FormData with attachments[] files and attachmentType", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 4 } }));
    const args = {
      order_note_id: 4,
      attachments: [
        { name: "a.txt", mime: "text/plain", content_base64: btoa("hello") },
        { name: "b.pdf", mime: "application/pdf", content_base64: btoa("%PDF") },
      ],
      attachment_type: "Invoice",
    };
    const result = await all.call("create_a_e_desk_note_file", args, ctx);
    expect(result.isError).toBeUndefined();
    const form = requests[0].body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(requests[0].headers.get("content-type")).toBeNull();
    const files = form.getAll("attachments[]") as File[];
    expect(files.map((file) => [file.name, file.type])).toEqual([
      ["a.txt", "text/plain"],
      ["b.pdf", "application/pdf"],
    ]);
    expect(await files[0].text()).toBe("hello");
    expect(form.get("attachmentType")).toBe("Invoice");
  });

  it("runs a composite operation through the client, with allows() following the config", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 5 } }));
    const readOnly = createToolSet(fixtureTools(), { methods: ["read"] });
    const result = await readOnly.call("get_e_desk_ticket_summary", { id: 5 }, ctx);
    expect(requests).toHaveLength(1);
    expect(result.structuredContent).toEqual({ ticket: { id: 5 }, can_delete: false });
    const full = await all.call("get_e_desk_ticket_summary", { id: 5 }, ctx);
    expect(full.structuredContent).toMatchObject({ can_delete: true });
    expect(full._meta).toHaveProperty("ratelimit-remaining");
  });
});

describe("list paging (docs/architecture.md §1, docs/edesk-api.md §3)", () => {
  it("turns limit into page/itemsPerPage and the paginator into next_cursor", async () => {
    const { ctx, requests } = fakeContext(() =>
      json(200, {
        data: [{ id: 1 }, { id: 2 }],
        paginator: { currentPage: 1, itemsPerPage: 2, totalItemsCount: 3 },
      }),
    );
    const result = await all.call(LIST, { limit: 2, filter_status_equals: "Open" }, ctx);
    const query = Object.fromEntries(requests[0].url.searchParams);
    expect(query).toEqual({ filter_status_equals: "Open", page: "1", itemsPerPage: "2" });
    const structured = result.structuredContent as { result: unknown[]; next_cursor: string };
    expect(structured.result).toEqual([{ id: 1 }, { id: 2 }]);
    expect(typeof structured.next_cursor).toBe("string");
  });

  it("follows next_cursor to the next page, and the last page has next_cursor null", async () => {
    const { ctx, requests } = fakeContext(() =>
      json(200, {
        data: [{ id: 3 }],
        paginator: { currentPage: 2, itemsPerPage: 2, totalItemsCount: 3 },
      }),
    );
    const cursor = encodeCursor(LIST, { page: 2, itemsPerPage: 2 });
    const result = await all.call(LIST, { next_cursor: cursor }, ctx);
    expect(requests[0].url.searchParams.get("page")).toBe("2");
    expect(requests[0].url.searchParams.get("itemsPerPage")).toBe("2");
    expect(result.structuredContent).toEqual({ result: [{ id: 3 }], next_cursor: null });
  });

  it("asks for 20 per page by default", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: [], paginator: {} }));
    await all.call(LIST, {}, ctx);
    expect(requests[0].url.searchParams.get("itemsPerPage")).toBe("20");
  });

  it("answers a forged cursor with an error result and sends nothing", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: [] }));
    const result = await all.call(LIST, { next_cursor: "eyJ2IjoxLCJwIjo5OTl9" }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("next_cursor is not a cursor this tool issued");
    expect(requests).toHaveLength(0);
  });

  it("reports a list answer without a data array as bad_response", async () => {
    const { ctx } = fakeContext(() => json(200, { data: { id: 1 } }));
    const result = await all.call(LIST, {}, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("no `data` array");
  });
});

describe("argument validation", () => {
  it("names each bad field and why, and sends nothing", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const result = await all.call(
      "create_a_e_desk_ticket",
      { channel_id: "3", colour: "red" },
      ctx,
    );
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result._meta).toBeUndefined();
    const message = text(result);
    expect(message).toContain("nothing was sent to eDesk");
    expect(message).toContain("- subject: required");
    expect(message).toMatch(/- channel_id: .*expected number/);
    expect(message).toContain(
      "- colour: unknown argument (this tool takes: subject, channel_id, idempotency_key)",
    );
    expect(requests).toHaveLength(0);
  });

  it("reports a broken cross-field rule in its own words", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const result = await all.call(
      "create_a_e_desk_ticket",
      { subject: "forbidden", channel_id: 1 },
      ctx,
    );
    expect(text(result)).toContain("- subject must not be 'forbidden'.");
    expect(requests).toHaveLength(0);
  });

  it("rejects a limit above 100", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const result = await all.call(LIST, { limit: 500 }, ctx);
    expect(text(result)).toMatch(/- limit: .*100/);
    expect(requests).toHaveLength(0);
  });
});

describe("unknown and filtered tools (MCP: protocol error -32602)", () => {
  it("throws InvalidParams for an unknown tool", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const thrown = await all.call("drop_database", {}, ctx).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(UnknownToolError);
    // What the MCP layer puts on the wire for it.
    const error = toJsonRpcError(thrown);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect((error as JsonRpcError).code).toBe(ErrorCode.InvalidParams);
    expect((error as JsonRpcError).message).toBe("Unknown tool: drop_database");
  });

  it("throws InvalidParams for a tool the config leaves out, without calling eDesk", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const readOnly = createToolSet(fixtureTools(), { methods: ["read"] });
    const error = toJsonRpcError(
      await readOnly.call("delete_a_e_desk_ticket_by_id", { id: 1 }, ctx).catch((e: unknown) => e),
    );
    expect((error as JsonRpcError).code).toBe(ErrorCode.InvalidParams);
    expect(requests).toHaveLength(0);
  });

  it("has no discovery tools in `all` mode", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    await expect(all.call("search_tools", { query: "" }, ctx)).rejects.toBeInstanceOf(
      UnknownToolError,
    );
  });
});

describe("the eDesk requests one HTTP request may cause", () => {
  it(`sends up to ${MAX_UPSTREAM_PER_REQUEST}, then answers each further call with isError, sending nothing`, async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 7 } }));
    const budget = { upstreamRequests: MAX_UPSTREAM_PER_REQUEST - 1 };
    const get = () => all.call("get_single_e_desk_ticket_by_id", { id: 7 }, { ...ctx, budget });
    expect((await get()).isError).toBeUndefined();
    const refused = await get();
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain(`at most ${MAX_UPSTREAM_PER_REQUEST} eDesk requests`);
    expect(text(refused)).toContain("Nothing of this call was sent to eDesk.");
    expect(requests).toHaveLength(1);
  });

  it("answers a composite tool stopped by the bound with isError, not a partial result", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 7 } }));
    const budget = { upstreamRequests: MAX_UPSTREAM_PER_REQUEST };
    const result = await all.call("get_e_desk_ticket_summary", { id: 7 }, { ...ctx, budget });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("Call get_e_desk_ticket_summary again in a request of its own");
    expect(requests).toHaveLength(0);
  });

  it("answers the ticket context with isError when the bound stopped reads it would have noted as failed", async () => {
    // The context turns a failed message read into a notice; a read the bound stopped must not
    // become a context that silently lacks its messages.
    const { ctx, requests } = fakeContext(() =>
      json(200, { data: { id: 7, messages_ids: [1, 2, 3], sales_order_id: null } }),
    );
    const budget = { upstreamRequests: MAX_UPSTREAM_PER_REQUEST - 1 };
    const result = await createToolSet(catalogTools(), {}).call(
      "get_e_desk_ticket_context",
      { id: 7 },
      { ...ctx, budget },
    );
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("This call had already sent 1 eDesk request.");
    expect(requests).toHaveLength(1);
  });
});
