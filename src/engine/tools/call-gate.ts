import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ToolEntry } from "./entry";

/**
 * What the tool engine asks the server's guard rails (src/engine/guard) about one call, after its
 * arguments are valid and before anything is sent to eDesk.
 */
export interface CallGate {
  /** `config.confirm` is on: a write that reaches customers by itself is asked, not refused. */
  readonly confirmsCustomerVisible: boolean;
  /** The answer to give instead of running the call (a refusal, a "no", a question), or undefined to run it. */
  admit(entry: ToolEntry, args: Record<string, unknown>): Promise<CallToolResult | undefined>;
}
