import { DurableObject } from "cloudflare:workers";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { decryptSecret, type EncryptedSecret } from "../../lib/crypto/credentials";
import { objectStub, parseConfig, type Env } from "../../lib/env";
import { deleteTokenRoute } from "../tokens/token-store";
import { createEdeskClient } from "../../edesk/client";
import { scrubber } from "../../edesk/scrub";
import { accountLimiter } from "../../edesk/rate-limit";
import { configKey, toolSetFor } from "../../engine/tools/toolset";
import type { CallExtra, ToolHost } from "../mcp/mcp-server";
import { ModernEndpoint } from "../mcp/modern";
import { redact } from "../../lib/http/errors";
import { JsonRpcError, toJsonRpcError } from "../mcp/json-rpc";
import { SessionHost } from "../mcp/session-host";
import { handleMcpRequest } from "../mcp/endpoint";
import { Idempotency } from "../../engine/tools/idempotency";
import { auditedCall, configAllows } from "../../engine/tools/audit-call";
import { AUDIT_FLUSH_MS, AuditTrail, type AuditEntry } from "./audit";
import { guardRefusal, outcomeOf, UsageTable, type UsageCall, type UsageReport } from "./usage";
import { WriteLedgerTable } from "./write-ledger";
import { accountObject, type AccountObject } from "../accounts/account-object";
import { Guard } from "../../engine/guard/call-guard";
import { NO_ELICITATION } from "../../engine/guard/confirm";
import { ConfirmationSigner } from "../../engine/guard/request-state";
import { isExpired, toView, type ServerRecord, type ServerView } from "./record";
import { ConsentAttempts } from "./consent-attempts";

const RECORD = "record";

/**
 * One Durable Object per MCP server: the source of truth for its record, config, expiry and
 * sessions. KV only routes a token hash here; this object refuses a revoked or expired server
 * whatever KV still says (docs/architecture.md §2).
 */
export class ServerObject extends DurableObject<Env> implements ToolHost {
  private record: ServerRecord | null | undefined;
  /** The account's eDesk token and its scrubber, kept while its sealed form is the same. */
  private apiToken: EdeskToken | undefined;
  private readonly audit = new AuditTrail(this.ctx.storage.sql);
  private readonly usage = new UsageTable(this.ctx.storage.sql);
  private readonly writes = new WriteLedgerTable(this.ctx.storage.sql);
  private readonly idempotency = new Idempotency(this.writes);
  readonly sessions = new SessionHost(this.ctx.storage, this);
  readonly modern = new ModernEndpoint(this);
  /** Confirmation, budgets and loop guard (src/engine/guard); its clock is what tests move. */
  readonly guard = new Guard(this.ctx.id.toString(), () => this.account(), this.ctx.storage.sql);
  private readonly signer = new ConfirmationSigner(this.ctx.storage);
  /** Wrong keys on this server's OAuth consent page (src/edge/oauth/authorize.ts). */
  readonly consentAttempts = new ConsentAttempts(this.ctx.storage);
  private accountObject: { id: string; stub: DurableObjectStub<AccountObject> } | undefined;

  /** The record if the server exists and has not expired; an expired one is purged now. */
  async active(): Promise<ServerRecord | null> {
    if (this.record === undefined) {
      this.record = (await this.ctx.storage.get<ServerRecord>(RECORD)) ?? null;
    }
    if (this.record && isExpired(this.record)) await this.purge();
    return this.record;
  }

  async init(record: ServerRecord): Promise<void> {
    this.record = record;
    await this.ctx.storage.put(RECORD, record);
    await this.scheduleExpiry(record);
  }

  async view(): Promise<ServerView | null> {
    const record = await this.active();
    return record && toView(record);
  }

  async update(patch: Partial<Pick<ServerRecord, "name" | "config" | "expires_at">>) {
    const record = await this.active();
    if (!record) return null;
    const next: ServerRecord = { ...record, ...patch };
    this.record = next;
    await this.ctx.storage.put(RECORD, next);
    await this.scheduleExpiry(next);
    if (patch.config && configKey(patch.config) !== configKey(record.config)) {
      this.modern.toolsChanged();
    }
    return toView(next);
  }

  /** Rotation: the account's new encrypted credentials, used from the next tool call on. */
  async setCredentials(credentials: EncryptedSecret): Promise<void> {
    const record = await this.active();
    if (!record) return;
    this.record = { ...record, credentials };
    await this.ctx.storage.put(RECORD, this.record);
  }

  /** Revokes the server now: sessions and streams end, KV route and storage are deleted. */
  async revoke(): Promise<boolean> {
    const existed = (await this.active()) !== null;
    await this.purge();
    return existed;
  }

  /**
   * Takes one key attempt of the consent page: 0 when the key may be checked, else the seconds
   * to wait. Null when the server is gone.
   */
  async takeConsentAttempt(): Promise<number | null> {
    return (await this.active()) ? this.consentAttempts.take() : null;
  }

  /** The consent page's key was right: the attempt taken for it was no failure. */
  async consentKeyAccepted(): Promise<void> {
    if (await this.active()) await this.consentAttempts.succeeded();
  }

  async auditTrail(limit?: number): Promise<AuditEntry[] | null> {
    return (await this.active()) ? this.audit.list(limit) : null;
  }

  async usageReport(): Promise<UsageReport | null> {
    return (await this.active()) ? this.usage.report() : null;
  }

  /** Fires at `expires_at`; safe to run twice or after the server is gone. */
  override async alarm(): Promise<void> {
    const record = await this.active();
    if (record?.expires_at) await this.scheduleExpiry(record);
  }

  override async fetch(request: Request): Promise<Response> {
    return handleMcpRequest(this, request, this.env);
  }

  /** The account changed its budget: the share this server holds of the old one ends. */
  async accountBudgetChanged(): Promise<void> {
    this.guard.account.reset();
  }

  /** Fails closed: a server purged while a session was mid-request lists nothing. */
  listTools() {
    return this.record ? toolSetFor(this.record.config).tools : [];
  }

  asksPeople(): boolean {
    return (this.record?.config.confirm ?? "off") !== "off";
  }

  async confirmationSigner() {
    return (await this.active()) && this.asksPeople() ? this.signer.get() : undefined;
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    extra: CallExtra,
  ): Promise<CallToolResult> {
    const record = await this.active();
    if (!record) throw new JsonRpcError(-32001, "This MCP server no longer exists.");
    const toolSet = toolSetFor(record.config);
    const started = Date.now();
    let upstreamStatus: number | null = null;
    let upstreamTried = false;
    let result: CallToolResult | undefined;
    const config = parseConfig(this.env);
    const gate = this.guard.forCall({
      config: record.config,
      channel: extra.confirm ?? { kind: "none", why: NO_ELICITATION },
      read: (path, query) =>
        client.request({ method: "GET", path, query }, extra.signal).then(
          (response) => response.body,
          () => undefined,
        ),
      redact: record.config.redact,
      signal: extra.signal,
    });
    const client = createEdeskClient({
      baseUrl: config.edeskApiBaseUrl,
      timeoutMs: config.edeskTimeoutMs,
      ...(await this.decryptedToken(record)),
      limiter: accountLimiter(record.account_id),
      budget: () => gate.accountToken(),
    });
    try {
      result = gate.finish(
        await toolSet.call(name, args, {
          client,
          signal: extra.signal,
          idempotency: this.idempotency,
          gate,
          // A legacy SSE message has no scope: it is one call, in an HTTP request of its own.
          budget: extra.scope ?? {},
          onUpstream: (info) => {
            upstreamStatus = info.status;
            upstreamTried = true;
          },
        }),
      );
      if (extra.scope) extra.scope.rateHeaders = rateFigures(result);
      return result;
    } catch (error) {
      throw toJsonRpcError(error);
    } finally {
      // Every call is audited, refusals (a tool outside the config, a guard rail) and failures
      // included; a 2026-07-28 round that only asked a person is not a call yet: its retry is.
      if (this.record && !gate.asking) {
        const audited = auditedCall(toolSet, name, args);
        const isError = result?.isError === true || result === undefined;
        const client = extra.scope?.client;
        this.recordCall(
          {
            at: new Date(started).toISOString(),
            ...audited,
            upstream_status: upstreamStatus,
            duration_ms: Date.now() - started,
            is_error: isError,
            client_name: client?.name ?? null,
            client_version: client?.version ?? null,
            guard: gate.outcome,
          },
          {
            at: started,
            tool: audited.tool,
            outcome: outcomeOf({
              isError,
              upstreamStatus,
              upstreamTried,
              refusal: configAllows(toolSet, audited.tool)
                ? guardRefusal(gate.outcome)
                : "tool_not_allowed",
            }),
          },
        );
      }
    }
  }

  /** The account's Durable Object, where its budget lives (engine/guard/account-allowance.ts). */
  private account(): DurableObjectStub<AccountObject> {
    const id = this.record?.account_id ?? "";
    if (this.accountObject?.id !== id) {
      const stub = accountObject(this.env, id);
      this.accountObject = { id, stub };
    }
    return this.accountObject.stub;
  }

  /**
   * Audit rows and usage counts are written in one batch shortly after the answers leave (see
   * AuditTrail); both writes run in the same callback, so they commit together.
   */
  private recordCall(entry: AuditEntry, call: UsageCall) {
    this.usage.add(call);
    if (!this.audit.add(entry)) return;
    setTimeout(() => {
      if (!this.record) {
        this.usage.reset();
        return this.audit.reset();
      }
      try {
        this.audit.flush();
        this.usage.flush();
      } catch (error) {
        // Nobody waits for this write; a throw here would only take the object down with it.
        console.error(`audit rows not written: ${redact(String(error))}`);
      }
    }, AUDIT_FLUSH_MS);
  }

  private async decryptedToken(record: ServerRecord): Promise<Omit<EdeskToken, "sealed">> {
    if (this.apiToken?.sealed !== record.credentials) {
      const plain = await decryptSecret(record.credentials, parseConfig(this.env).encryptionKey);
      this.apiToken = { sealed: record.credentials, apiToken: plain, scrub: scrubber(plain) };
    }
    return { apiToken: this.apiToken.apiToken, scrub: this.apiToken.scrub };
  }

  private async scheduleExpiry(record: ServerRecord) {
    if (record.expires_at) await this.ctx.storage.setAlarm(Date.parse(record.expires_at));
    else await this.ctx.storage.deleteAlarm();
  }

  private async purge(): Promise<void> {
    const record = this.record ?? (await this.ctx.storage.get<ServerRecord>(RECORD));
    this.record = null;
    this.apiToken = undefined;
    this.audit.reset();
    this.usage.reset();
    await this.sessions.closeAll();
    this.modern.closeAll();
    if (record) await deleteTokenRoute(this.env.TOKENS, record.token_hash);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.audit.reset();
    this.usage.reset();
    this.writes.reset();
    this.guard.confirmations.reset();
    this.signer.reset();
    this.consentAttempts.reset();
  }
}

interface EdeskToken {
  sealed: EncryptedSecret;
  apiToken: string;
  scrub: (text: string) => string;
}

/** A tool result's rate-limit figures as response headers; none when eDesk sent none. */
function rateFigures(result: CallToolResult): Record<string, string> | undefined {
  const meta = result._meta as Record<string, unknown> | undefined;
  if (!meta || meta["ratelimit-limit"] === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const name of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) {
    if (meta[name] !== undefined) headers[name] = String(meta[name]);
  }
  return headers;
}

/** The ServerObject of a server id (wrangler.toml binds SERVERS to this class). */
export function serverObject(env: Env, serverId: string): DurableObjectStub<ServerObject> {
  return objectStub<ServerObject>(env.SERVERS, serverId);
}
