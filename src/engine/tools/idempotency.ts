import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { encodeBase64Url } from "../../lib/encoding/base64";
import { errorResult } from "./results";

/** How long a key's first outcome is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The first outcome of a keyed write. */
export interface StoredWrite {
  /** Hash of the tool name and its arguments, so a reused key with other arguments is caught. */
  fingerprint: string;
  result: CallToolResult;
  /** Epoch ms. */
  at: number;
}

/** Durable storage of keyed write outcomes (the ServerObject's SQLite table). */
export interface WriteLedger {
  get(key: string): StoredWrite | undefined;
  /** Also drops entries older than `IDEMPOTENCY_TTL_MS`. */
  put(key: string, write: StoredWrite): void;
}

/** A write's outcome, and whether a repeat of the same key must get it instead of writing. */
export interface WriteOutcome {
  result: CallToolResult;
  /**
   * True when eDesk applied the write or may have (success, 5xx, timeout, unreadable answer).
   * False when it certainly did not (refused as invalid, auth, 404, 429, never reached), so
   * the same key may try again.
   */
  remember: boolean;
}

/**
 * Runs each keyed write once: a repeat of the key within 24 h (a client retrying after a lost
 * answer, or the same call arriving twice at once) gets the first outcome without a second
 * upstream write. One instance per MCP server, so keys are scoped to it.
 */
export class Idempotency {
  private readonly inflight = new Map<
    string,
    { fingerprint: string; done: Promise<WriteOutcome> }
  >();

  constructor(
    private readonly ledger: WriteLedger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The answer a keyed call gets without running: the first outcome of the key (also while it
   * is still being written), or the refusal of a key reused for another call; undefined when it
   * must run. Asked before anything else happens to the call (a person's confirmation), so a
   * retry of a confirmed write is neither asked again nor sent twice.
   */
  async settled(
    key: string,
    tool: string,
    args: Record<string, unknown>,
  ): Promise<CallToolResult | undefined> {
    const fingerprint = await fingerprintOf(tool, args);
    const pending = this.inflight.get(key);
    if (pending) {
      if (pending.fingerprint !== fingerprint) return reused(key);
      const first = await pending.done;
      return first.remember ? replayed(first.result) : undefined;
    }
    const stored = this.ledger.get(key);
    if (!stored || this.now() - stored.at >= IDEMPOTENCY_TTL_MS) return undefined;
    return stored.fingerprint === fingerprint ? replayed(stored.result) : reused(key);
  }

  async once(
    key: string,
    tool: string,
    args: Record<string, unknown>,
    write: () => Promise<WriteOutcome>,
  ): Promise<CallToolResult> {
    const fingerprint = await fingerprintOf(tool, args);
    // From here to `inflight.set` nothing awaits, so two calls with one key cannot both write.
    const pending = this.inflight.get(key);
    if (pending) {
      if (pending.fingerprint !== fingerprint) return reused(key);
      const first = await pending.done;
      return first.remember ? replayed(first.result) : this.once(key, tool, args, write);
    }
    const stored = this.ledger.get(key);
    if (stored && this.now() - stored.at < IDEMPOTENCY_TTL_MS) {
      return stored.fingerprint === fingerprint ? replayed(stored.result) : reused(key);
    }
    const done = write().then((outcome) => {
      if (outcome.remember)
        this.ledger.put(key, { fingerprint, result: outcome.result, at: this.now() });
      return outcome;
    });
    this.inflight.set(key, { fingerprint, done });
    try {
      return (await done).result;
    } finally {
      this.inflight.delete(key);
    }
  }
}

/** SHA-256 of the tool name and its canonical arguments (base64url): one call, whatever the key order. */
export async function fingerprintOf(tool: string, args: Record<string, unknown>): Promise<string> {
  const text = JSON.stringify([tool, canonical(args)]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return encodeBase64Url(new Uint8Array(digest));
}

/** Key order must not matter: `{a, b}` and `{b, a}` are the same call. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

function replayed(result: CallToolResult): CallToolResult {
  return { ...result, _meta: { ...result._meta, "idempotent-replay": true } };
}

function reused(key: string): CallToolResult {
  return errorResult(
    `idempotency_key "${key}" was already used within the last 24 h for a different call ` +
      "(another tool or other arguments). Nothing was sent to eDesk. Use a new key for a new write; " +
      "repeat the earlier call unchanged to get its result.",
  );
}
