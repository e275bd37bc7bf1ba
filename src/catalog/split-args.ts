import type { UpstreamRequest } from "../edesk/client";
import type { CatalogTool } from "./index";
import { fillPath } from "./fill-path";
import { toMultipart } from "./multipart";

/**
 * Turns a tool's flat, already validated arguments into the eDesk request, by each field's
 * declared location. Keys that are not fields (the engine's `limit`/`next_cursor`, or anything
 * validation let through) are not forwarded. Pure.
 */
export function splitArgs(tool: CatalogTool, args: Record<string, unknown>): UpstreamRequest {
  const { operation } = tool;
  const query: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(operation.fields)) {
    const value = args[name];
    if (value === undefined || value === null) continue;
    if (field.in === "query") query[name] = queryValue(value);
    else if (field.in === "body") body[name] = value;
  }
  const request: UpstreamRequest = { method: operation.http, path: fillPath(operation.path, args) };
  if (Object.keys(query).length > 0) request.query = query;
  if (operation.encoding === "multipart") request.form = toMultipart(body);
  // eDesk reads a JSON body on every POST/PUT; an empty object beats a missing body.
  else if (operation.http === "POST" || operation.http === "PUT") request.body = body;
  return request;
}

// eDesk documents no array query parameters (docs/edesk-api.md §2); a comma list is the fallback.
function queryValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(",");
  return String(value);
}
