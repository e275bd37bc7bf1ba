import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { PiiKind } from "../../catalog/pii";
import type { RateLimitFigures } from "../../edesk/rate-limit";
import { EdeskError } from "../../edesk/errors";
import { encodeBase64Url } from "../../lib/encoding/base64";
import type { CallGate } from "../tools/call-gate";
import type { ToolEntry } from "../tools/entry";
import { fingerprintOf } from "../tools/idempotency";
import { errorResult } from "../tools/results";
import { AccountAllowance, type AccountLeaser } from "./account-allowance";
import { TokenBucket } from "./bucket";
import { confirmForm, needsConfirmation, verdict, type ConfirmChannel } from "./confirm";
import { UsedConfirmations } from "./confirmations";
import { LoopGuard } from "./loop-guard";
import { confirmationPrompt, type PromptRead } from "./prompt";
import type { GuardConfig } from "./settings";
import {
  accountBudgetText,
  cancelledText,
  declinedText,
  loopText,
  serverBudgetText,
  unansweredText,
  unconfirmableText,
} from "./texts";

/** What the audit trail records of a call's guard rails (docs/storage.md, table `audit`). */
export type GuardOutcome =
  | "plain"
  | "confirmed"
  | "declined"
  | "refused_budget"
  | "refused_loop"
  | "refused_unconfirmed";

/**
 * The guard rails of one MCP server (README "Guard rails"): its loop guard, its own budget, its
 * share of the account's budget and the confirmations already used. One per ServerObject; the
 * clock is injectable so tests move time instead of sleeping.
 */
export class Guard {
  now: () => number = Date.now;
  readonly loops = new LoopGuard();
  readonly account: AccountAllowance;
  readonly confirmations: UsedConfirmations;
  private serverBucket: TokenBucket | undefined;

  constructor(serverId: string, leaser: () => AccountLeaser, sql: SqlStorage) {
    this.account = new AccountAllowance(serverId, leaser, () => this.now());
    this.confirmations = new UsedConfirmations(sql, () => this.now());
  }

  /** The server's own budget in force, kept across calls while the setting stays the same. */
  budget(perMinute: number | undefined): TokenBucket | undefined {
    if (perMinute === undefined) return (this.serverBucket = undefined);
    if (this.serverBucket?.perMinute !== perMinute) this.serverBucket = new TokenBucket(perMinute);
    return this.serverBucket;
  }

  /** The gate of one call, with the way its client can reach a person. */
  forCall(call: {
    config: GuardConfig;
    channel: ConfirmChannel;
    read: PromptRead;
    redact?: readonly PiiKind[];
    signal?: AbortSignal;
  }): CallGuard {
    return new CallGuard(this, call);
  }
}

/** The guard rails as one call meets them; afterwards it says what they did (`outcome`). */
export class CallGuard implements CallGate {
  outcome: GuardOutcome = "plain";
  /** True when this call only asked a 2026-07-28 client's person: the call has not run yet. */
  asking = false;
  private previewing = false;
  private counted: { fingerprint: string; at: number } | undefined;

  constructor(
    private readonly guard: Guard,
    private readonly call: Parameters<Guard["forCall"]>[0],
  ) {}

  get confirmsCustomerVisible(): boolean {
    return (this.call.config.confirm ?? "off") !== "off";
  }

  /**
   * One token of the account's budget for an eDesk request of this call, or the refusal to
   * throw instead of sending it (the eDesk client's `budget` hook).
   */
  async accountToken(): Promise<EdeskError | undefined> {
    const figures = await this.guard.account.take();
    if (!figures) return undefined;
    if (!this.previewing) this.outcome = "refused_budget";
    const info = { method: "", path: "", status: null, ratelimit: figures };
    return new EdeskError("rate_limited", accountBudgetText(figures), info);
  }

  /**
   * The call's result as the client gets it: a budget refusal also says when to retry, and is
   * not counted by the loop guard (a model told to retry later is not looping).
   */
  finish(result: CallToolResult): CallToolResult {
    if (this.outcome !== "refused_budget" || !result.isError) return result;
    if (this.counted) this.guard.loops.forget(this.counted.fingerprint, this.counted.at);
    const reset = result._meta?.["ratelimit-reset"];
    if (reset === undefined) return result;
    return { ...result, _meta: { ...result._meta, "retry-after": reset } };
  }

  async admit(entry: ToolEntry, args: Record<string, unknown>) {
    const { config } = this.call;
    const mode = config.confirm ?? "off";
    const needs = needsConfirmation(mode, entry, args);
    const loops = config.loop_guard !== false;
    const fingerprint = loops || needs ? await fingerprintOf(entry.tool.name, args) : "";
    const budget = this.guard.budget(config.max_calls_per_minute);
    const now = this.guard.now();
    const wait = loops ? this.guard.loops.wait(fingerprint, now) : 0;
    if (wait > 0) return this.refuse("refused_loop", loopText(entry.tool.name, wait));
    // Checked before a person is asked (nobody should confirm a call that cannot run), taken
    // after: a "no" costs no budget.
    if (budget && budget.available(now) < 1) return this.overBudget(budget.figures(now));
    if (needs) {
      const stopped = await this.confirm(entry, args, needs.reach, fingerprint);
      if (this.asking) return stopped;
      // A "no" counts: a model that keeps asking would keep a person answering.
      if (stopped) return this.count(loops, fingerprint, stopped);
    }
    const later = this.guard.now();
    if (budget && budget.take(1, later) === 0) return this.overBudget(budget.figures(later));
    return this.count(loops, fingerprint, undefined);
  }

  /** Counts the call for the loop guard and answers `result`. */
  private count<T>(loops: boolean, fingerprint: string, result: T): T {
    if (loops) {
      this.counted = { fingerprint, at: this.guard.now() };
      this.guard.loops.record(fingerprint, this.counted.at);
    }
    return result;
  }

  private async confirm(
    entry: ToolEntry,
    args: Record<string, unknown>,
    reach: Parameters<typeof confirmForm>[1],
    fingerprint: string,
  ): Promise<CallToolResult | undefined> {
    const { channel } = this.call;
    const mode = this.call.config.confirm ?? "off";
    const tool = entry.tool.name;
    if (channel.kind === "none") {
      return this.refuse("refused_unconfirmed", unconfirmableText(tool, mode, channel.why));
    }
    if (channel.kind === "rounds" && channel.state?.f === fingerprint && channel.answer) {
      const said = verdict(channel.answer);
      // A used confirmation (the same retry sent again) is asked afresh, never sent twice.
      if (said !== "confirmed" || this.guard.confirmations.use(channel.state.n)) {
        return this.conclude(said, tool);
      }
    }
    const form = confirmForm(await this.prompt(entry, args, reach), reach);
    if (channel.kind === "rounds") {
      this.asking = true;
      return channel.question(form, { f: fingerprint, n: nonce() });
    }
    try {
      return this.conclude(verdict(await channel.ask(form, this.call.signal)), tool);
    } catch (error) {
      if (this.call.signal?.aborted) throw error;
      return this.refuse("declined", unansweredText(tool));
    }
  }

  private conclude(said: ReturnType<typeof verdict>, tool: string) {
    if (said === "confirmed") {
      this.outcome = "confirmed";
      return undefined;
    }
    return this.refuse("declined", said === "cancelled" ? cancelledText(tool) : declinedText(tool));
  }

  /** The prompt's reads are the person's, not the call's: a refused one only shortens it. */
  private async prompt(
    entry: ToolEntry,
    args: Record<string, unknown>,
    reach: Parameters<typeof confirmForm>[1],
  ) {
    this.previewing = true;
    try {
      return await confirmationPrompt(entry, args, reach, this.call.read, this.call.redact);
    } finally {
      this.previewing = false;
    }
  }

  private refuse(outcome: GuardOutcome, text: string): CallToolResult {
    this.outcome = outcome;
    return errorResult(text);
  }

  private overBudget(figures: RateLimitFigures): CallToolResult {
    this.outcome = "refused_budget";
    return errorResult(serverBudgetText(figures), figures);
  }
}

function nonce(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
