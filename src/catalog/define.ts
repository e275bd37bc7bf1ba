import type { z } from "zod";
import type { UpstreamRequest } from "../edesk/client";

/** The standard method kinds; anything else is a custom method named by `Operation.custom`. */
export type MethodKind = "list" | "get" | "create" | "update" | "delete" | "custom";

/**
 * Where a flat tool argument goes in the eDesk request; `engine` arguments are used by the tool
 * engine itself (e.g. `name_contains`, find-by-name.ts) and never sent.
 */
export type FieldLocation = "path" | "query" | "body" | "engine";

export interface FieldSpec {
  in: FieldLocation;
  /** The zod schema for the argument; its `.describe()` text is what the model reads. */
  schema: z.ZodType;
  required?: boolean;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** A request the engine sends to eDesk: path is relative to `EDESK_API_BASE_URL`. */
/** What a composite operation may do: send requests, and ask whether the config allows a tool. */
export interface OperationContext {
  send(request: UpstreamRequest): Promise<unknown>;
  allows(toolName: string): boolean;
}

/**
 * Argument values with which a write reaches customers (engine/tools/customer-visible.ts, the one place
 * that says which calls do). `send`: the caller asked for it explicitly (a reply with
 * `send: true`); it runs unless `config.confirm` asks a person first. `automatic`: it reaches
 * customers although no `send: true` says so (a template turned into an automatic reply); it is
 * refused unless `config.confirm` is on and a person confirms it.
 */
export interface CustomerVisible {
  kind: "send" | "automatic";
  /** The rule applies when every named argument holds one of its listed values. */
  when: Record<string, readonly unknown[]>;
  /** Why, in plain words a model and an operator understand; refusals and prompts quote it. */
  reason: string;
}

export interface Operation {
  method: MethodKind;
  /** Custom methods only: the verb, giving the tool name `<custom>_e_desk_<resource>`. */
  custom?: string;
  /** Custom methods only: whether `read` or `write` in `config.methods` covers it. */
  access?: "read" | "write";
  http: UpstreamRequest["method"];
  /** Relative path with `{field}` placeholders naming `in: "path"` fields, e.g. `/tickets/{id}`. */
  path: string;
  fields: Record<string, FieldSpec>;
  /** Written for a model. An operation without a description produces no tool. */
  description?: string;
  annotations: ToolAnnotations;
  /** Section of docs/edesk-api.md the operation rests on, e.g. "§2.1 PUT /tickets/{ticketId}". */
  source: string;
  /**
   * Cross-field rules the per-field schemas cannot state (e.g. a Note is never sent). Returns one
   * message per broken rule, empty when the arguments are fine; `inputSchema` turns them into zod
   * issues. They do not show in JSON Schema, so the description must state them too.
   */
  check?(args: Record<string, unknown>): string[];
  /**
   * Request body encoding, default `json`. `multipart` means `splitArgs` puts a `FormData` in
   * `UpstreamRequest.form` instead of a JSON `body` (the order-note attachments endpoint accepts
   * nothing else, docs/edesk-api.md §2.5); fetch then sets the multipart content type itself.
   */
  encoding?: "json" | "multipart";
  /** Shape of a successful result, for `outputSchema`, where eDesk documents it. */
  output?: z.ZodType;
  /** Argument values that make this write reach customers (see CustomerVisible). */
  customerVisible?: CustomerVisible;
  /** Composite operations (several upstream calls) replace the default single request. */
  run?(args: Record<string, unknown>, ctx: OperationContext): Promise<unknown>;
}

export interface Resource {
  /** Plural snake_case, e.g. `sales_orders`; singular form comes from the naming rule. */
  name: string;
  /** Resource groups for `config.tags`; the resource's own name is always added. */
  tags: string[];
  operations: Operation[];
}

/** Identity helper that keeps resource files type-checked and declarative. */
export function defineResource(resource: Resource): Resource {
  return resource;
}
