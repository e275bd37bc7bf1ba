/**
 * The eDesk requests one HTTP request to the MCP endpoint may cause, all its tool calls
 * together. A call sends up to 32 (the ticket context); a 2025-03-26 batch holds up to 100
 * calls, so one POST could have sent 3,200. A read that eDesk's gateway fails is retried inside
 * the client (edesk/retry.ts) and counts once here.
 */
export const MAX_UPSTREAM_PER_REQUEST = 100;

/**
 * The counter the calls of one HTTP request share; it lives in that request's `CallScope`
 * (server/mcp/mcp-server.ts), which both protocol eras create per HTTP request.
 */
export interface UpstreamBudget {
  upstreamRequests?: number;
}

/** Counts one eDesk request against the budget; false when it would go past the bound. */
export function spend(budget: UpstreamBudget): boolean {
  const used = budget.upstreamRequests ?? 0;
  if (used >= MAX_UPSTREAM_PER_REQUEST) return false;
  budget.upstreamRequests = used + 1;
  return true;
}

/** Thrown by the engine instead of sending the request that would go past the bound. */
export class BudgetSpent extends Error {
  override readonly name = "BudgetSpent";
}

/**
 * The `isError` text of a call stopped by the bound. `sentByCall` eDesk requests of this very
 * call went out before it (a composite tool's first reads or writes).
 */
export function budgetSpentText(tool: string, sentByCall: number, wrote: boolean): string {
  const plural = sentByCall === 1 ? "" : "s";
  const applied = wrote ? "; eDesk may have applied the changes it sent, so check first" : "";
  const before = sentByCall
    ? ` This call had already sent ${sentByCall} eDesk request${plural}${applied}.`
    : " Nothing of this call was sent to eDesk.";
  return (
    `${tool} was not completed: one HTTP request to this MCP server may cause at most ` +
    `${MAX_UPSTREAM_PER_REQUEST} eDesk requests, and this request's tool calls have used them ` +
    `all.${before} Call ${tool} again in a request of its own (not in a JSON-RPC batch).`
  );
}
