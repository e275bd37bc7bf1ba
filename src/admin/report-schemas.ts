import { z } from "zod";

/**
 * The shape of the audit answer, for the OpenAPI document. The ServerObject
 * builds the answer itself (audit.ts); nothing is validated against it.
 */
export const auditEntryView = z.object({
  at: z.string().describe("When the call started (ISO)"),
  tool: z.string().describe("The tool run; call_tool is recorded as the tool it ran"),
  argument_keys: z.array(z.string()).describe("Names of the arguments sent; never values"),
  upstream_status: z.number().int().nullable().describe("eDesk's last HTTP status; null: none"),
  duration_ms: z.number(),
  is_error: z.boolean(),
  client_name: z
    .string()
    .nullable()
    .describe(
      "The MCP client as it named itself (initialize's clientInfo, or the 2026-07-28 _meta " +
        "client info), at most 100 characters; null when it sent none",
    ),
  client_version: z.string().nullable().describe("Its version, at most 40 characters"),
});
