import { z } from "zod";
import { defineResource, type ToolAnnotations } from "../../../src/catalog/define";
import { buildCatalog } from "../../../src/catalog/index";
import { createEdeskClient } from "../../../src/edesk/client";
import { NO_RETRY } from "../../../src/edesk/retry";
import { accountLimiter, RateLimitTracker } from "../../../src/edesk/rate-limit";
import type { CallContext, UpstreamInfo } from "../../../src/engine/tools/toolset";
import { fakeFetch, type Responder } from "../edesk/fake-fetch";

// Small fixture resources, independent of the real catalog's content.

const READ: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
const WRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
const REMOVE: ToolAnnotations = { ...WRITE, destructiveHint: true, idempotentHint: true };

const id = z.int().min(1).describe("Ticket id");
const Ticket = z.looseObject({ id: z.number(), subject: z.string().nullish() });

export const tickets = defineResource({
  name: "tickets",
  tags: ["support"],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/tickets",
      source: "§2.1",
      annotations: READ,
      description: "List tickets. Filter by status.",
      output: z.looseObject({ result: z.array(Ticket), next_cursor: z.string().nullable() }),
      fields: {
        filter_status_equals: {
          in: "query",
          schema: z.enum(["Open", "Closed"]).describe("Status"),
        },
      },
    },
    {
      method: "get",
      http: "GET",
      path: "/tickets/{id}",
      source: "§2.1",
      annotations: READ,
      description: "Get one ticket by id.",
      output: Ticket,
      fields: { id: { in: "path", schema: id, required: true } },
    },
    {
      method: "create",
      http: "POST",
      path: "/tickets",
      source: "§2.1",
      annotations: WRITE,
      description: "Create a ticket with a subject on a channel.",
      check: (args) => (args.subject === "forbidden" ? ["subject must not be 'forbidden'."] : []),
      fields: {
        subject: { in: "body", schema: z.string().min(1).describe("Subject"), required: true },
        channel_id: { in: "body", schema: z.int().min(1).describe("Channel"), required: true },
      },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/tickets/{id}",
      source: "§2.1",
      annotations: REMOVE,
      description: "Archive a ticket.",
      fields: { id: { in: "path", schema: id, required: true } },
    },
  ],
});

export const notes = defineResource({
  name: "note_files",
  tags: ["orders"],
  operations: [
    {
      method: "create",
      http: "POST",
      path: "/order-notes/{order_note_id}/attachments",
      encoding: "multipart",
      source: "§2.5",
      annotations: WRITE,
      description: "Attach files to an order note.",
      fields: {
        order_note_id: { in: "path", schema: z.int().min(1), required: true },
        attachments: {
          in: "body",
          required: true,
          schema: z.array(
            z.strictObject({ name: z.string(), mime: z.string(), content_base64: z.string() }),
          ),
        },
        attachment_type: { in: "body", schema: z.enum(["Invoice", "Other"]), required: true },
      },
    },
  ],
});

export const summary = defineResource({
  name: "ticket_summary",
  tags: ["support"],
  operations: [
    {
      method: "custom",
      custom: "get",
      access: "read",
      http: "GET",
      path: "/tickets/{id}",
      source: "§2.1",
      annotations: READ,
      description: "Read a ticket and say whether deleting is allowed here.",
      fields: { id: { in: "path", schema: id, required: true } },
      async run(args, ctx) {
        const body = (await ctx.send({ method: "GET", path: `/tickets/${args.id}` })) as {
          data: Record<string, unknown>;
        };
        return { ticket: body.data, can_delete: ctx.allows("delete_a_e_desk_ticket_by_id") };
      },
    },
  ],
});

export const undocumented = defineResource({
  name: "secrets",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/secrets",
      source: "none",
      annotations: READ,
      fields: {},
    },
  ],
});

/** The fixture catalog tools, built by the real `buildCatalog`. */
export const fixtureTools = () => buildCatalog([tickets, notes, summary, undocumented]);

/** A call context over a fake eDesk: requests and upstream reports are recorded. */
export function fakeContext(respond: Responder) {
  const net = fakeFetch(respond);
  const upstream: UpstreamInfo[] = [];
  const tracker = new RateLimitTracker({ now: () => 0 });
  const client = createEdeskClient({
    baseUrl: "https://api.edesk.test/v1",
    apiToken: "tok-fixture-123",
    fetch: net.fetch,
    limiter: accountLimiter("acct", tracker),
    // The client's read retries are tested on their own (client.test.ts).
    retry: NO_RETRY,
  });
  const ctx: CallContext = { client, onUpstream: (info) => upstream.push(info) };
  return { ctx, requests: net.requests, upstream };
}

/** The text of a result's single text block. */
export function text(result: { content: unknown[] }): string {
  const [block] = result.content as { type: string; text: string }[];
  return block.text;
}
