import { z } from "zod";

/**
 * The shapes of the audit and usage answers, for the OpenAPI document. The ServerObject
 * builds these answers itself (audit.ts, usage.ts); nothing is validated against them.
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

const counts = {
  calls: z.number().int().describe("Every tool call, refused and failed ones included"),
  edesk_errors: z
    .number()
    .int()
    .describe("Calls eDesk answered with an error status other than 429, or did not answer"),
  rate_limited: z.number().int().describe("Calls eDesk answered with 429"),
  other_errors: z
    .number()
    .int()
    .describe("Calls that failed without eDesk at fault: bad arguments, a bad cursor"),
  refusals: z
    .record(z.string(), z.number().int())
    .describe(
      "Calls refused before reaching eDesk, by kind (tool_not_allowed: outside the server's " +
        "config); kinds without refusals are absent",
    ),
};

export const usageView = z.object({
  from: z.string().describe("Start of the oldest hour (ISO)"),
  to: z.string().describe("End of the current hour (ISO)"),
  totals: z.object(counts),
  hours: z
    .array(z.object({ hour: z.string().describe("Start of the hour (ISO)"), ...counts }))
    .describe("24 entries, oldest first, hours without calls included"),
  tools: z
    .array(z.object({ tool: z.string(), ...counts }))
    .describe("Tools called in the window, most called first; unknown names as (unknown tool)"),
});
