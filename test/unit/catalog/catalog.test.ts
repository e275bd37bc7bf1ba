import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UpstreamRequest } from "../../../src/edesk/client";
import { CATALOG, CATALOG_VERSION, catalogTools } from "../../../src/catalog/index";
import { entryFor } from "../../../src/engine/tools/entry";
import { inputSchema } from "../../../src/catalog/input-schema";
import { endpoint, fakeEdesk, run } from "./helpers";

// The complete documented set, docs/edesk-api.md §2 table (40 operations).
const DOCUMENTED = [
  "GET /tickets",
  "POST /tickets",
  "GET /tickets/{}",
  "PUT /tickets/{}",
  "PUT /tickets/{}/data",
  "DELETE /tickets/{}",
  "POST /messages",
  "GET /messages/{}",
  "PUT /messages/{}",
  "DELETE /messages/{}",
  "GET /sales-orders",
  "POST /sales-orders",
  "GET /sales-orders/{}",
  "PUT /sales-orders/{}",
  "DELETE /sales-orders/{}",
  "GET /sales-orders-tracking-links/{}",
  "POST /sales-orders-tracking-links/{}",
  "PUT /sales-orders-tracking-links/{}",
  "DELETE /sales-orders-tracking-links/{}",
  "GET /order-notes",
  "POST /order-notes",
  "GET /order-notes/{}",
  "PUT /order-notes/{}",
  "DELETE /order-notes/{}",
  "POST /order-notes/{}/attachments",
  "GET /templates",
  "POST /templates",
  "GET /templates/{}",
  "PUT /templates/{}",
  "DELETE /templates/{}",
  "GET /tags",
  "POST /tags",
  "GET /tags/{}",
  "PUT /tags/{}",
  "DELETE /tags/{}",
  "GET /tag-groups",
  "GET /contacts",
  "GET /channels",
  "GET /users",
  "GET /whoami",
];

/** A fake eDesk rich enough to drive every branch of the composite tools. */
function answer(request: UpstreamRequest): unknown {
  if (request.path.startsWith("/tickets/")) {
    return { data: { id: 5, tags_ids: [1], messages_ids: [11, 12], sales_order_id: 77 } };
  }
  if (request.path.startsWith("/sales-orders/")) return { data: { id: 77, order_notes_id: [3] } };
  return { data: { id: 1, created_at: "2024-01-01 00:00:00" } };
}

/** Endpoints a composite reaches, observed by running it against the fake. */
async function compositeEndpoints(): Promise<string[]> {
  const seen: string[] = [];
  const scenarios: [string, Record<string, unknown>][] = [
    [
      "update_a_e_desk_ticket_datum_by_id",
      { id: 5, status: "Closed", custom_fields: [{ name: "RMA", value: "1" }] },
    ],
    ["add_e_desk_ticket_tags", { id: 5, tag_ids: [2] }],
    ["remove_e_desk_ticket_tags", { id: 5, tag_ids: [1] }],
    ["get_e_desk_ticket_context", { id: 5 }],
  ];
  for (const [name, args] of scenarios) {
    const fake = fakeEdesk(answer);
    await run(name, args, fake.ctx);
    seen.push(...fake.requests.map((request) => endpoint(request.method, request.path)));
  }
  return seen;
}

describe("catalog coverage", () => {
  it("covers exactly the 40 documented operations and nothing else", async () => {
    const declared = catalogTools()
      .filter((tool) => !tool.operation.run)
      .map((tool) => endpoint(tool.operation.http, tool.operation.path));
    const reached = [...declared, ...(await compositeEndpoints())];
    expect(DOCUMENTED).toHaveLength(40);
    expect([...new Set(reached)].sort()).toEqual([...DOCUMENTED].sort());
  });

  it("exposes the tools the issue names", () => {
    const names = catalogTools().map((tool) => tool.name);
    for (const name of [
      "list_all_e_desk_tickets",
      "get_single_e_desk_ticket_by_id",
      "get_single_e_desk_sales_order_by_id",
      "create_a_e_desk_message",
      "update_a_e_desk_ticket_datum_by_id",
      "list_all_e_desk_templates",
      "create_a_e_desk_order_note",
      "update_a_e_desk_tag_by_id",
      "add_e_desk_ticket_tags",
      "remove_e_desk_ticket_tags",
      "get_e_desk_ticket_context",
      "get_e_desk_whoami",
    ]) {
      expect(names).toContain(name);
    }
  });

  it("has no second ticket-update tool beside update_a_e_desk_ticket_datum_by_id", () => {
    const names = catalogTools().map((tool) => tool.name);
    expect(names).not.toContain("update_a_e_desk_ticket_by_id");
    const ticketWrites = catalogTools().filter(
      (tool) => tool.operation.http === "PUT" && tool.operation.path === "/tickets/{id}",
    );
    const withTagIds = ticketWrites.filter((tool) => "tag_ids" in tool.operation.fields);
    expect(withTagIds.map((tool) => tool.name).sort()).toEqual([
      "add_e_desk_ticket_tags",
      "remove_e_desk_ticket_tags",
    ]);
  });

  it("gives every tool a unique, valid name of at most 64 characters", () => {
    const names = catalogTools().map((tool) => tool.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it("cites an docs/edesk-api.md section and sets openWorldHint on every operation", () => {
    for (const resource of CATALOG) {
      for (const operation of resource.operations) {
        expect(operation.source).toMatch(/^§\d/);
        expect(operation.annotations.openWorldHint).toBe(true);
      }
    }
  });

  it("marks reads read-only and writes not", () => {
    for (const tool of catalogTools()) {
      const { readOnlyHint, destructiveHint } = tool.operation.annotations;
      expect(readOnlyHint, tool.name).toBe(tool.access === "read");
      if (readOnlyHint) expect(destructiveHint, tool.name).toBe(false);
      if (tool.operation.method === "delete") expect(destructiveHint, tool.name).toBe(true);
    }
  });

  // tools/list leaves regex patterns out (src/engine/tools/json-schema.ts): the words must say the format.
  it("states in words the format of every argument with a pattern", () => {
    for (const tool of catalogTools()) {
      for (const [name, field] of Object.entries(tool.operation.fields)) {
        for (const node of schemaNodes(z.toJSONSchema(field.schema))) {
          if (node.pattern && !node.format) {
            expect(node.description, `${tool.name}.${name}`).toBeTruthy();
          }
        }
      }
    }
  });

  it("never describes an argument by restating its name", () => {
    const words = (text: string) =>
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
    const filler = new Set(["the", "a", "an", "this", "of", "id", "only"]);
    for (const tool of catalogTools()) {
      for (const [name, field] of Object.entries(tool.operation.fields)) {
        const { description } = z.toJSONSchema(field.schema) as { description?: string };
        if (!description) continue;
        const own = new Set(words(name.replace(/_/g, " ")));
        const adds = words(description).filter((word) => !own.has(word) && !filler.has(word));
        expect(adds, `${tool.name}.${name}: "${description}"`).not.toEqual([]);
      }
    }
  });

  it("yields JSON Schema objects for every input and output", () => {
    for (const tool of catalogTools()) {
      expect(z.toJSONSchema(inputSchema(tool.operation))).toMatchObject({ type: "object" });
      if (tool.operation.output) {
        expect(z.toJSONSchema(tool.operation.output)).toMatchObject({ type: "object" });
      }
    }
  });
});

/** Every object node of a JSON Schema, nested ones included. */
function schemaNodes(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(schemaNodes);
  if (!node || typeof node !== "object") return [];
  return [node as Record<string, unknown>, ...Object.values(node).flatMap(schemaNodes)];
}

// What the engine adds to list tools (docs/architecture.md §1), to measure what a model really reads.
const LIST_ARGS = {
  limit: z.int().min(1).max(100).optional().describe("Page size 1-100, default 20"),
  next_cursor: z.string().optional().describe("next_cursor of the previous page"),
};

function footprint(tool: ReturnType<typeof catalogTools>[number]): number {
  const extra = tool.operation.method === "list" ? LIST_ARGS : {};
  const schema = JSON.stringify(z.toJSONSchema(inputSchema(tool.operation, extra)));
  return (tool.operation.description ?? "").length + schema.length;
}

describe("catalog size", () => {
  it("keeps description plus input schema under 1400 characters per tool on average", () => {
    const sizes = catalogTools().map(footprint);
    const average = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(average).toBeLessThan(1400);
  });

  it("keeps every description under 700 characters", () => {
    for (const tool of catalogTools()) {
      expect((tool.operation.description ?? "").length, tool.name).toBeLessThan(700);
    }
  });
});

// Catalog fingerprints per CATALOG_VERSION: a change to the catalog must bump the version (and
// record the new fingerprint here), so caches keyed by the version never serve stale tools.
const FINGERPRINTS: Record<string, string> = {
  "3": "9609ce31",
  "4": "a2206cb",
  "5": "7b3e392d",
  "6": "546ae393",
  "7": "ec0dd8f3",
  "8": "577fd6bb",
  "9": "6cddfd35",
};

function fingerprint(): string {
  const text = JSON.stringify(
    catalogTools().map((tool) => [
      tool.name,
      tool.tags,
      tool.operation.description,
      tool.operation.annotations,
      tool.operation.http,
      tool.operation.path,
      tool.operation.encoding ?? "json",
      z.toJSONSchema(inputSchema(tool.operation)),
      tool.operation.output ? z.toJSONSchema(tool.operation.output) : null,
      // What tools/list shows, engine arguments (paging, idempotency_key) included.
      entryFor(tool).definition,
    ]),
  );
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

describe("catalog version", () => {
  it("changes whenever the catalog changes", () => {
    expect(fingerprint(), `bump CATALOG_VERSION (now ${CATALOG_VERSION})`).toBe(
      FINGERPRINTS[CATALOG_VERSION],
    );
  });
});
