import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { CustomerVisible } from "../../catalog/define";
import type { ToolEntry } from "../tools/entry";
import { customerReach } from "../tools/customer-visible";
import type { ConfirmMode } from "./settings";

// How a person confirms a call through the client (README "Guard rails"). The server asks; only
// the client's answer to that question counts. No tool argument can stand in for it, so a model
// cannot confirm its own call.

/** The form a person answers: one box to tick. Anything but an accepted tick is a no. */
export interface ConfirmForm {
  message: string;
  requestedSchema: {
    type: "object";
    properties: {
      confirm: { type: "boolean"; title: string; description: string; default: false };
    };
    required: ["confirm"];
  };
}

/** A client's answer to `elicitation/create` (MCP 2025-06-18 "Elicitation"). */
export interface ConfirmAnswer {
  action: "accept" | "decline" | "cancel";
  content?: Record<string, unknown>;
}

/** What a 2026-07-28 confirmation round carries in its signed `requestState`. */
export interface ConfirmState {
  /** Fingerprint of the call (tool name + canonical arguments) the question was about. */
  f: string;
  /** Single use: a confirmation sends once, however often the answer is replayed. */
  n: string;
}

/**
 * How this call's client can reach a person, as its protocol era allows:
 * - `push` (2025 era): an `elicitation/create` request on the call's own stream;
 * - `rounds` (2026-07-28): an `input_required` result, answered on the call's retry;
 * - `none`: the client declared no elicitation, or its answer cannot carry a request.
 */
export type ConfirmChannel =
  | { kind: "none"; why: string }
  | { kind: "push"; ask(form: ConfirmForm, signal?: AbortSignal): Promise<ConfirmAnswer> }
  | {
      kind: "rounds";
      /** The retried request's `requestState`, already verified; undefined on a first round. */
      state: ConfirmState | undefined;
      /** The retried request's answer to the question (`inputResponses[CONFIRM_KEY]`). */
      answer: ConfirmAnswer | undefined;
      /** The `input_required` result that asks `form`, carrying `state` signed. */
      question(form: ConfirmForm, state: ConfirmState): Promise<CallToolResult>;
    };

/**
 * Whether declared client capabilities include form elicitation: `elicitation: {}` (form, as
 * before modes existed) or one naming `form` (MCP 2025-11-25 "Elicitation").
 */
export function asksByForm(capabilities: unknown): boolean {
  const elicitation = (capabilities as { elicitation?: unknown } | null | undefined)?.elicitation;
  if (typeof elicitation !== "object" || elicitation === null) return false;
  return Object.keys(elicitation).length === 0 || "form" in elicitation;
}

/** Why a call cannot be confirmed by a client that declared no form elicitation. */
export const NO_ELICITATION =
  "this client did not declare that it can ask a person (the elicitation capability, form mode)";

/** The key of the question in a 2026-07-28 `inputRequests` / `inputResponses`. */
export const CONFIRM_KEY = "confirm";

/** What a confirmation needs to know of a call, or undefined when `mode` lets it run as it is. */
export function needsConfirmation(
  mode: ConfirmMode,
  entry: ToolEntry,
  args: Record<string, unknown>,
): { reach: CustomerVisible | undefined } | undefined {
  if (mode === "off") return undefined;
  const reach = customerReach(entry.tool, args);
  if (reach) return { reach };
  if (mode === "writes" && !entry.tool.operation.annotations.readOnlyHint) return { reach };
  return undefined;
}

export function confirmForm(message: string, reach: CustomerVisible | undefined): ConfirmForm {
  return {
    message,
    requestedSchema: {
      type: "object",
      properties: {
        confirm: {
          type: "boolean",
          title: reach?.kind === "send" ? "Send it" : "Allow it",
          description: "Tick to go ahead. Leave it, decline or close to stop: nothing is sent.",
          default: false,
        },
      },
      required: ["confirm"],
    },
  };
}

/** The verdict of an answer: only an accepted form with the box ticked goes ahead. */
export function verdict(answer: ConfirmAnswer): "confirmed" | "declined" | "cancelled" {
  if (answer.action === "accept") {
    return answer.content?.confirm === true ? "confirmed" : "declined";
  }
  return answer.action === "cancel" ? "cancelled" : "declined";
}
