import type { RateLimitFigures } from "../../edesk/rate-limit";
import type { ConfirmMode } from "./settings";
import { LOOP_LIMIT, LOOP_WINDOW_MS } from "./settings";

// The words a model reads when a guard rail stops a call (docs/architecture.md §3: actionable `isError`
// texts). Each says that nothing was sent, why, and what to do instead.

const NOTHING_SENT = "Nothing was sent to eDesk.";

export function declinedText(tool: string): string {
  return (
    `Not done: the person declined ${tool} when asked to confirm it. ${NOTHING_SENT} ` +
    "Do not retry unless they ask you to; ask them what to change instead."
  );
}

export function cancelledText(tool: string): string {
  return (
    `Not done: the person closed the confirmation of ${tool} without agreeing. ${NOTHING_SENT} ` +
    "Do not retry unless they ask you to."
  );
}

export function unansweredText(tool: string): string {
  return (
    `Not done: the confirmation of ${tool} got no answer from the client. ${NOTHING_SENT} ` +
    "Ask the person whether they want it before you try again."
  );
}

export function unconfirmableText(tool: string, mode: ConfirmMode, why: string): string {
  const what = mode === "writes" ? "every change" : "every call that reaches a customer";
  return (
    `Refused: this MCP server asks a person to confirm ${what} (config.confirm "${mode}"), and ` +
    `${why}. ${NOTHING_SENT} Show the person what ${tool} would do so they can do it ` +
    "themselves in eDesk, or use a client that can ask them (MCP elicitation)."
  );
}

export function serverBudgetText(figures: RateLimitFigures): string {
  return (
    `Refused: this MCP server's budget of ${figures.limit} tool calls per minute ` +
    `(config.max_calls_per_minute) is used up. ${NOTHING_SENT} Retry after ${figures.reset} s ` +
    "(retry-after), and make fewer calls: reuse answers you already have."
  );
}

export function accountBudgetText(figures: RateLimitFigures): string {
  return (
    `Refused: the eDesk account's budget of ${figures.limit} requests per minute, shared by ` +
    `all its MCP servers (max_calls_per_minute of the integrated account), is used up. ` +
    `${NOTHING_SENT} Retry after ${figures.reset} s (retry-after), and make fewer calls.`
  );
}

export function loopText(tool: string, waitSeconds: number): string {
  return (
    `Refused by the loop guard: ${tool} was called with exactly these arguments ` +
    `${LOOP_LIMIT} times in the last ${LOOP_WINDOW_MS / 1000} s. ${NOTHING_SENT} You already ` +
    "have its answer: use it, or change the arguments (another id, filter or page) or the " +
    `tool. The same call is allowed again in ${waitSeconds} s.`
  );
}
