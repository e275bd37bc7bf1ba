import { z } from "zod";
import {
  accountView,
  createAccountSchema,
  createServerSchema,
  patchAccountSchema,
  patchServerSchema,
  serverView,
} from "./schemas";
import { createKeySchema, keyView } from "../../server/keys/schemas";
import { SERVER_INFO } from "../../server/mcp/mcp-server";
import { auditEntryView, usageView } from "./report-schemas";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const body = (s: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: schema(s) } },
});
const ok = (description: string, s?: z.ZodType) => ({
  description,
  ...(s ? { content: { "application/json": { schema: schema(s) } } } : {}),
});
const errors = {
  "400": { $ref: "#/components/responses/Error" },
  "401": { $ref: "#/components/responses/Error" },
  "404": { $ref: "#/components/responses/Error" },
};
const list = (item: z.ZodType) =>
  z.object({ result: z.array(item), next_cursor: z.string().nullable().optional() });
const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
const mcpId = { name: "mcpId", in: "path", required: true, schema: { type: "string" } };

let document: unknown;

/** The admin API as OpenAPI 3.1, generated from the same zod schemas that validate requests. */
export function openApiDocument(): unknown {
  document ??= {
    openapi: "3.1.0",
    info: { title: "edesk-mcp admin API", version: SERVER_INFO.version },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Error: {
          description: "Error",
          content: {
            "application/json": {
              schema: schema(
                z.object({
                  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
                }),
              ),
            },
          },
        },
      },
    },
    paths: {
      "/api/integrated-account": {
        post: {
          requestBody: body(createAccountSchema),
          responses: { "201": ok("Created", accountView), "502": errors["400"], ...errors },
        },
        get: { responses: { "200": ok("Accounts", list(accountView)), ...errors } },
      },
      "/api/integrated-account/{id}": {
        parameters: [id],
        get: { responses: { "200": ok("Account", accountView), ...errors } },
        patch: {
          requestBody: body(patchAccountSchema),
          responses: { "200": ok("Updated", accountView), ...errors },
        },
        delete: { responses: { "204": ok("Deleted; its MCP servers are revoked"), ...errors } },
      },
      "/api/integrated-account/{id}/tools": {
        parameters: [
          id,
          { name: "methods", in: "query", schema: { type: "string" } },
          { name: "tags", in: "query", schema: { type: "string" } },
        ],
        get: { responses: { "200": ok("Tools the config would expose"), ...errors } },
      },
      "/api/integrated-account/{id}/mcp": {
        parameters: [id],
        post: {
          requestBody: body(createServerSchema),
          responses: {
            "201": ok(
              "Created; url is shown only here",
              serverView.extend({ url: z.string(), tools: z.array(z.string()) }),
            ),
            ...errors,
          },
        },
        get: { responses: { "200": ok("Servers", list(serverView)), ...errors } },
      },
      "/api/integrated-account/{id}/mcp/{mcpId}": {
        parameters: [id, mcpId],
        get: { responses: { "200": ok("Server", serverView), ...errors } },
        patch: {
          requestBody: body(patchServerSchema),
          responses: { "200": ok("Updated", serverView), ...errors },
        },
        delete: { responses: { "204": ok("Revoked"), ...errors } },
      },
      "/api/integrated-account/{id}/mcp/{mcpId}/audit": {
        parameters: [id, mcpId],
        get: {
          responses: {
            "200": ok("Tool calls, newest first", z.object({ result: z.array(auditEntryView) })),
            ...errors,
          },
        },
      },
      "/api/integrated-account/{id}/mcp/{mcpId}/usage": {
        parameters: [id, mcpId],
        get: {
          description:
            "Tool calls of the last 24 hours (the current hour and the 23 before it), per hour " +
            "and per tool. Each call counts once in calls and at most once in edesk_errors, " +
            "rate_limited, other_errors or refusals. Counted as calls finish, in the same " +
            "batch as the audit trail.",
          responses: { "200": ok("Call counts", usageView), ...errors },
        },
      },
      "/api/keys": {
        post: {
          description:
            "Creates an API key. scope admin: the admin API. scope mcp: only the MCP credential " +
            "of servers with require_api_token_auth whose account it names (all when account_ids " +
            "is absent); an mcp key gets 401 on every admin route. Only its SHA-256 is stored.",
          requestBody: body(createKeySchema),
          responses: {
            "201": ok("Created; key is shown only here", keyView.extend({ key: z.string() })),
            ...errors,
          },
        },
        get: { responses: { "200": ok("Keys, without key or hash", list(keyView)), ...errors } },
      },
      "/api/keys/{id}": {
        parameters: [id],
        delete: { responses: { "204": ok("Revoked; fails from the next request on"), ...errors } },
      },
    },
  };
  return document;
}
