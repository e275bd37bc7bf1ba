import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { UpstreamRequest } from "../../edesk/client";
import { splitArgs } from "../../catalog/split-args";
import type { EdeskClient, EdeskResponse } from "../../edesk/client";
import { EdeskError, type EdeskErrorKind } from "../../edesk/errors";
import type { RateLimitFigures } from "../../edesk/rate-limit";
import { CursorError, pageFor } from "./cursor";
import { IDEMPOTENCY_ARG, type ToolEntry } from "./entry";
import type { Idempotency, WriteOutcome } from "./idempotency";
import {
  composedStructured,
  edeskErrorResult,
  errorResult,
  listStructured,
  singleStructured,
  successResult,
} from "./results";
import { ArgumentError } from "../../catalog/argument-error";
import { scanByName, wantsNameScan } from "./name-scan";
import { redactStructured } from "./redact";
import { invalidArgsText, validateArgs } from "./validate-args";
import { customerVisibleRefusal } from "./customer-visible";
import type { PiiKind } from "../../catalog/pii";
import { BudgetSpent, budgetSpentText, spend, type UpstreamBudget } from "./upstream-budget";
import type { CallGate } from "./call-gate";

/** One upstream call as the host may log or audit it; never holds a token or a body. */
export interface UpstreamInfo {
  method: string;
  path: string;
  /** HTTP status, or null when no response arrived (timeout, network error). */
  status: number | null;
  ms: number;
}

/** What a tool call needs from the session that runs it. */
export interface CallContext {
  client: EdeskClient;
  signal?: AbortSignal;
  onUpstream?(info: UpstreamInfo): void;
  /** Where keyed creates remember their outcome; without it `idempotency_key` is ignored. */
  idempotency?: Idempotency;
  /** Personal data masked in results (config.redact); the arguments are never changed. */
  redact?: readonly PiiKind[];
  /** The eDesk requests the HTTP request may still cause, shared by all its calls. */
  budget?: UpstreamBudget;
  /** The server's guard rails (confirmation, budget, loop guard), asked before eDesk is. */
  gate?: CallGate;
}

/** Sends through the client, reporting each call and remembering the latest rate-limit figures. */
interface Upstream {
  send(request: UpstreamRequest): Promise<EdeskResponse>;
  figures(): RateLimitFigures | undefined;
  /** The `isError` text when the budget stopped this call, even if the tool caught that. */
  budgetSpent(tool: string): string | undefined;
}

function upstream(ctx: CallContext): Upstream {
  let latest: RateLimitFigures | undefined;
  let sent = 0;
  let wrote = false;
  let stopped = false;
  return {
    async send(request) {
      if (ctx.budget && !spend(ctx.budget)) {
        stopped = true;
        throw new BudgetSpent();
      }
      sent++;
      if (request.method !== "GET") wrote = true;
      const started = Date.now();
      const report = (status: number | null) =>
        ctx.onUpstream?.({
          method: request.method,
          path: request.path,
          status,
          ms: Date.now() - started,
        });
      try {
        const response = await ctx.client.request(request, ctx.signal);
        latest = response.ratelimit;
        report(response.status);
        return response;
      } catch (error) {
        if (error instanceof EdeskError) {
          latest = error.ratelimit ?? latest;
          report(error.status);
        } else report(null);
        throw error;
      }
    },
    figures: () => latest,
    budgetSpent: (tool) => (stopped ? budgetSpentText(tool, sent, wrote) : undefined),
  };
}

async function perform(
  entry: ToolEntry,
  args: Record<string, unknown>,
  send: Upstream["send"],
  allows: (name: string) => boolean,
): Promise<Record<string, unknown>> {
  const { tool } = entry;
  const { operation } = tool;
  if (operation.run) {
    // Composite operations see eDesk bodies as sent (envelope included) and unwrap themselves.
    const ctx = { send: async (request: UpstreamRequest) => (await send(request)).body, allows };
    return composedStructured(await operation.run(args, ctx));
  }
  if (operation.method !== "list") {
    const request = splitArgs(tool, args);
    return singleStructured((await send(request)).body);
  }
  if (wantsNameScan(args)) return scanByName(tool, args, send);
  const { limit, next_cursor: cursor, ...filters } = args;
  const page = pageFor(tool.name, limit as number | undefined, cursor as string | null | undefined);
  const request = splitArgs(tool, filters);
  // eDesk pages by number with camelCase `itemsPerPage` (docs/edesk-api.md §3).
  request.query = {
    ...request.query,
    page: String(page.page),
    itemsPerPage: String(page.itemsPerPage),
  };
  const response = await send(request);
  return listStructured(response, {
    method: request.method,
    path: request.path,
    tool: tool.name,
    page,
  });
}

/**
 * Runs one catalog tool: validate (nothing is sent on bad arguments), send, shape the result.
 * eDesk failures and bad cursors become `isError` results; a cancelled call rethrows; anything
 * else is a bug and propagates (the host turns it into JSON-RPC -32603, docs/architecture.md §3).
 * Only the client retries, and only reads (edesk/retry.ts): a write is never repeated behind the
 * model's back.
 */
export async function executeTool(
  entry: ToolEntry,
  args: unknown,
  ctx: CallContext,
  allows: (name: string) => boolean,
): Promise<CallToolResult> {
  const checked = validateArgs(entry.input, args, entry.argNames);
  if (!checked.ok) return errorResult(invalidArgsText(entry.tool.name, checked.problems));
  const refusal = customerVisibleRefusal(
    entry.tool,
    checked.value,
    ctx.gate?.confirmsCustomerVisible,
  );
  if (refusal) return errorResult(refusal);
  const { [IDEMPOTENCY_ARG]: key, ...rest } = checked.value;
  const ledger = typeof key === "string" ? ctx.idempotency : undefined;
  // A keyed write that already ran answers with its first outcome before any guard rail: a
  // retried, confirmed write is not asked again, and a replay is not a loop.
  const settled = ledger && (await ledger.settled(String(key), entry.tool.name, rest));
  if (settled) return settled;
  const stopped = await ctx.gate?.admit(entry, checked.value);
  if (stopped) return stopped;
  if (!ledger) return (await attempt(entry, rest, ctx, allows)).result;
  // A keyed write runs to its end even if the caller goes away: its outcome must be stored for
  // the retry that follows a lost answer, or that retry would write a second time.
  const detached: CallContext = { ...ctx, signal: undefined };
  return ledger.once(String(key), entry.tool.name, rest, () =>
    attempt(entry, rest, detached, allows),
  );
}

/** eDesk certainly did not apply a write that failed like this, so a repeat may try again. */
const NOT_APPLIED = new Set<EdeskErrorKind>([
  "validation",
  "auth",
  "not_found",
  "rate_limited",
  "unreachable",
]);

async function attempt(
  entry: ToolEntry,
  args: Record<string, unknown>,
  ctx: CallContext,
  allows: (name: string) => boolean,
): Promise<WriteOutcome> {
  const calls = upstream(ctx);
  try {
    // No output parse on the hot path: tools advertise no output schema (entry.ts), and a zod
    // pass over a 100-ticket page would cost CPU on every call for a warning.
    const performed = await perform(entry, args, calls.send, allows);
    // A composite tool may have caught the refusal and answered without the data it could not
    // read; the call is reported as stopped instead.
    const spent = calls.budgetSpent(entry.tool.name);
    if (spent) return { result: errorResult(spent, calls.figures()), remember: false };
    const structured = redactStructured(performed, entry.tool.operation.output, ctx.redact);
    return { result: successResult(structured, calls.figures()), remember: true };
  } catch (error) {
    const spent = calls.budgetSpent(entry.tool.name);
    if (spent) return { result: errorResult(spent, calls.figures()), remember: false };
    if (error instanceof EdeskError) {
      return { result: edeskErrorResult(error), remember: !NOT_APPLIED.has(error.kind) };
    }
    if (error instanceof CursorError || error instanceof ArgumentError) {
      return { result: errorResult(error.message, calls.figures()), remember: false };
    }
    throw error;
  }
}
