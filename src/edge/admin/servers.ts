import type { z } from "zod";
import type { Config, Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { putTokenRoute } from "../../server/tokens/token-store";
import { generateToken, randomId, sha256Hex } from "../../server/tokens/token";
import type { ServerRecord } from "../../server/server-object/record";
import { toView } from "../../server/server-object/record";
import { getAccount } from "./accounts";
import { accountStub, notFound, serverStub } from "./stubs";
import {
  MIN_EXPIRY_LEAD_MS,
  type createServerSchema,
  type patchServerSchema,
  type ServerView,
} from "./schemas";
import { checkToolConfig } from "./tool-config";

function checkExpiry(expiresAt: string | null | undefined): string | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (at - Date.now() < MIN_EXPIRY_LEAD_MS) {
    throw new AppError(400, "invalid_request", "expires_at must be at least 60 seconds ahead.", {
      details: [{ field: "expires_at", message: "less than 60 s ahead" }],
    });
  }
  return new Date(at).toISOString();
}

/** Creates an MCP server; its URL (with the only copy of the token) is returned here alone. */
export async function createServer(
  env: Env,
  config: Config,
  origin: string,
  accountId: string,
  body: z.infer<typeof createServerSchema>,
): Promise<ServerView & { url: string; tools: string[] }> {
  const tools = checkToolConfig(body.config);
  const expiresAt = checkExpiry(body.expires_at);
  const account = await getAccount(env, accountId);
  const token = generateToken();
  const record: ServerRecord = {
    id: randomId("mcp"),
    account_id: account.id,
    name: body.name,
    config: body.config,
    expires_at: expiresAt,
    created_at: new Date().toISOString(),
    token_hash: await sha256Hex(token),
    credentials: account.credentials,
  };
  await serverStub(env, record.id).init(record);
  if (!(await accountStub(env, accountId).addServer(record.id))) {
    await serverStub(env, record.id).revoke();
    throw notFound("Integrated account");
  }
  await putTokenRoute(env.TOKENS, record.token_hash, record.id);
  return { ...toView(record), url: `${config.publicBaseUrl ?? origin}/mcp/${token}`, tools };
}

/** Servers of an account; ones that expired since are dropped from its list. */
export async function listServers(env: Env, accountId: string): Promise<ServerView[]> {
  const account = await getAccount(env, accountId);
  const views: (ServerView | null)[] = await Promise.all(
    account.server_ids.map((id) => serverStub(env, id).view()),
  );
  const gone = account.server_ids.filter((_, i) => views[i] === null);
  if (gone.length) await accountStub(env, accountId).removeServers(gone);
  return views.filter((view): view is ServerView => view !== null);
}

export async function getServer(env: Env, accountId: string, serverId: string) {
  const view = await serverStub(env, serverId).view();
  if (!view || view.account_id !== accountId) throw notFound("MCP server");
  return view;
}

export async function patchServer(
  env: Env,
  accountId: string,
  serverId: string,
  body: z.infer<typeof patchServerSchema>,
): Promise<ServerView> {
  await getServer(env, accountId, serverId);
  const patch: Partial<Pick<ServerRecord, "name" | "config" | "expires_at">> = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.config !== undefined) {
    checkToolConfig(body.config);
    patch.config = body.config;
  }
  if (body.expires_at !== undefined) patch.expires_at = checkExpiry(body.expires_at);
  const view = await serverStub(env, serverId).update(patch);
  if (!view) throw notFound("MCP server");
  return view;
}

/** Revokes at once: the ServerObject refuses the token from this moment, KV or not. */
export async function deleteServer(env: Env, accountId: string, serverId: string) {
  await getServer(env, accountId, serverId);
  await serverStub(env, serverId).revoke();
  await accountStub(env, accountId).removeServers([serverId]);
}

export async function serverAudit(env: Env, accountId: string, serverId: string, url: URL) {
  await getServer(env, accountId, serverId);
  // Whole numbers only: SQLite refuses LIMIT 1.5 (SQLITE_MISMATCH, a 500). The trail clamps.
  const limit = Math.trunc(Number(url.searchParams.get("limit"))) || 100;
  return { result: (await serverStub(env, serverId).auditTrail(limit)) ?? [] };
}

/** The server's call counts of the last 24 hours, per hour and per tool (usage.ts). */
export async function serverUsage(env: Env, accountId: string, serverId: string) {
  await getServer(env, accountId, serverId);
  const report = await serverStub(env, serverId).usageReport();
  if (!report) throw notFound("MCP server");
  return report;
}
