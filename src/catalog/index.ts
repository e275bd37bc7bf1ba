import type { Operation, Resource } from "./define";
import { SNAKE_CASE, TOOL_NAME_PATTERN, toolName } from "./naming";
import { channels } from "./resources/channels";
import { contacts } from "./resources/contacts";
import { messages } from "./resources/messages";
import { orderNoteAttachments } from "./resources/order-note-attachments";
import { orderNotes } from "./resources/order-notes";
import { salesOrderTrackingLinks } from "./resources/sales-order-tracking-links";
import { salesOrders } from "./resources/sales-orders";
import { tagGroups } from "./resources/tag-groups";
import { tags } from "./resources/tags";
import { templates } from "./resources/templates";
import { ticketContext } from "./resources/ticket-context";
import { ticketData } from "./resources/ticket-data";
import { ticketTags } from "./resources/ticket-tags";
import { tickets } from "./resources/tickets";
import { users } from "./resources/users";
import { whoami } from "./resources/whoami";

/** Every documented eDesk resource (docs/edesk-api.md §2), in the order tools are listed. */
export const CATALOG: readonly Resource[] = [
  tickets,
  ticketData,
  ticketTags,
  ticketContext,
  messages,
  salesOrders,
  salesOrderTrackingLinks,
  orderNotes,
  orderNoteAttachments,
  templates,
  tags,
  tagGroups,
  contacts,
  channels,
  users,
  whoami,
];

/**
 * Bump on every change to the catalog (names, descriptions, schemas, annotations): caches of
 * derived tool lists are keyed by it. A unit test pins it to a fingerprint of the catalog.
 */
export const CATALOG_VERSION = "9";

/** One tool derived from a documented resource operation. */
export interface CatalogTool {
  name: string;
  resource: Resource;
  operation: Operation;
  /** The resource's name followed by its tags, for `config.tags`. */
  tags: readonly string[];
  access: "read" | "write";
}

/** Arguments the engine adds to every `list` tool, and the eDesk paging it turns them into (§3). */
export const LIST_ARGS = ["limit", "next_cursor"] as const;
const ENGINE_OWNED = new Set<string>([...LIST_ARGS, "page", "itemsPerPage", "idempotency_key"]);

const STANDARD_HTTP: Record<string, Operation["http"]> = {
  list: "GET",
  get: "GET",
  create: "POST",
  update: "PUT",
  delete: "DELETE",
};

/**
 * Derives the tools. An operation without a description produces no tool (docs/architecture.md §2). Throws
 * on a catalog mistake rather than serving a wrong tool: duplicate or invalid names, a field that
 * would take the place of an engine argument, a path placeholder without its `in: "path"` field
 * or the reverse.
 */
export function buildCatalog(resources: readonly Resource[]): CatalogTool[] {
  const tools: CatalogTool[] = [];
  const seen = new Set<string>();
  for (const resource of resources) {
    if (!SNAKE_CASE.test(resource.name)) throw new Error(`bad resource name "${resource.name}"`);
    for (const operation of resource.operations) {
      if (!operation.description) continue;
      const name = toolName(resource.name, operation.method, operation.custom);
      if (!TOOL_NAME_PATTERN.test(name)) throw new Error(`invalid tool name "${name}"`);
      if (seen.has(name)) throw new Error(`duplicate tool name "${name}"`);
      seen.add(name);
      checkOperation(name, operation);
      tools.push({
        name,
        resource,
        operation,
        tags: [...new Set([resource.name, ...resource.tags])],
        access: accessOf(name, operation),
      });
    }
  }
  return tools;
}

function accessOf(name: string, operation: Operation): "read" | "write" {
  if (operation.method === "custom") {
    if (!operation.access) throw new Error(`${name}: a custom method must declare its access`);
    return operation.access;
  }
  return operation.method === "get" || operation.method === "list" ? "read" : "write";
}

function checkOperation(name: string, operation: Operation): void {
  const { method, custom, http, path, fields } = operation;
  if (method === "custom" ? !custom || !SNAKE_CASE.test(custom) : custom !== undefined) {
    throw new Error(`${name}: "custom" names the verb of custom methods, and only of those`);
  }
  if (method !== "custom" && STANDARD_HTTP[method] !== http) {
    throw new Error(`${name}: method ${method} must use ${STANDARD_HTTP[method]}, not ${http}`);
  }
  // One flat argument object: on a list tool a field named like a paging argument (or on a
  // create tool one named idempotency_key) would be both a declared field and the engine's own
  // argument, so one would silently overwrite the other.
  if (method === "list" || method === "create") {
    const clash = Object.keys(fields).find((field) => ENGINE_OWNED.has(field));
    if (clash)
      throw new Error(`${name}: field "${clash}" clashes with the engine's paging arguments`);
  }
  const placeholders = [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  for (const placeholder of placeholders) {
    const field = fields[placeholder];
    if (field?.in !== "path") throw new Error(`${name}: {${placeholder}} has no in:"path" field`);
    if (!field.required) throw new Error(`${name}: path field "${placeholder}" must be required`);
  }
  for (const [field, spec] of Object.entries(fields)) {
    if (spec.in === "path" && !placeholders.includes(field)) {
      throw new Error(`${name}: path field "${field}" is not in ${path}`);
    }
  }
  if (operation.encoding === "multipart" && http !== "POST" && http !== "PUT") {
    throw new Error(`${name}: a multipart body needs POST or PUT`);
  }
}

let memo: CatalogTool[] | undefined;

/** The tools of `CATALOG`, built on first use (nothing runs at module scope in a Worker). */
export function catalogTools(): readonly CatalogTool[] {
  memo ??= buildCatalog(CATALOG);
  return memo;
}
