import type { z } from "zod";
import { encryptSecret } from "../../lib/crypto/credentials";
import type { Config, Env } from "../../lib/env";
import { randomId } from "../../server/tokens/token";
import type { AccountRecord } from "../../server/accounts/account-object";
import { accountStub, notFound, serverStub } from "./stubs";
import type { AccountView, createAccountSchema, patchAccountSchema } from "./schemas";
import { verifyEdeskToken } from "./verify-token";
import { accountBudget } from "../../engine/guard/settings";

/** KV index of accounts for listing; the AccountObject remains the record's source of truth. */
const indexKey = (id: string) => `account:${id}`;

export function toAccountView(record: AccountRecord): AccountView {
  return {
    id: record.id,
    integration: record.integration,
    name: record.name,
    created_at: record.created_at,
    max_calls_per_minute: accountBudget(record.max_calls_per_minute),
  };
}

export async function createAccount(
  env: Env,
  config: Config,
  body: z.infer<typeof createAccountSchema>,
): Promise<AccountView> {
  const sealed = await encryptSecret(body.credentials.api_token, config.encryptionKey);
  await verifyEdeskToken(config.edeskApiBaseUrl, body.credentials.api_token);
  const record: AccountRecord = {
    id: randomId("acc"),
    integration: "edesk",
    name: body.name ?? "eDesk account",
    created_at: new Date().toISOString(),
    credentials: sealed,
    server_ids: [],
    ...(body.max_calls_per_minute !== undefined
      ? { max_calls_per_minute: body.max_calls_per_minute }
      : {}),
  };
  await accountStub(env, record.id).create(record);
  const view = toAccountView(record);
  await env.TOKENS.put(indexKey(record.id), "", { metadata: view });
  return view;
}

export async function listAccounts(env: Env, url: URL) {
  const asked = Math.trunc(Number(url.searchParams.get("limit"))) || 50;
  const limit = Math.min(Math.max(asked, 1), 100);
  const cursor = url.searchParams.get("next_cursor") ?? undefined;
  const page = await env.TOKENS.list<AccountView>({ prefix: "account:", limit, cursor });
  return {
    result: page.keys.flatMap((key) => (key.metadata ? [key.metadata] : [])),
    next_cursor: page.list_complete ? null : page.cursor,
  };
}

export async function getAccount(env: Env, id: string): Promise<AccountRecord> {
  const record = await accountStub(env, id).get();
  if (!record) throw notFound("Integrated account");
  return record;
}

/** Rename and/or rotate credentials; every MCP server of the account gets the new ones. */
export async function patchAccount(
  env: Env,
  config: Config,
  id: string,
  body: z.infer<typeof patchAccountSchema>,
): Promise<AccountView> {
  await getAccount(env, id);
  const patch: Parameters<ReturnType<typeof accountStub>["update"]>[0] = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.max_calls_per_minute !== undefined) {
    patch.max_calls_per_minute = body.max_calls_per_minute;
  }
  if (body.credentials) {
    patch.credentials = await encryptSecret(body.credentials.api_token, config.encryptionKey);
    await verifyEdeskToken(config.edeskApiBaseUrl, body.credentials.api_token);
  }
  const updated = await accountStub(env, id).update(patch);
  if (!updated) throw notFound("Integrated account");
  if (patch.credentials) {
    const credentials = patch.credentials;
    await Promise.all(
      updated.server_ids.map((serverId) => serverStub(env, serverId).setCredentials(credentials)),
    );
  }
  if (patch.max_calls_per_minute !== undefined) {
    // Servers remember "no budget" for a while and hold short leases: both end now.
    await Promise.all(
      updated.server_ids.map((serverId) => serverStub(env, serverId).accountBudgetChanged()),
    );
  }
  const view = toAccountView(updated);
  await env.TOKENS.put(indexKey(id), "", { metadata: view });
  return view;
}

/** Deletes the account and revokes every MCP server it has. */
export async function deleteAccount(env: Env, id: string): Promise<void> {
  const serverIds = await accountStub(env, id).destroy();
  if (!serverIds) throw notFound("Integrated account");
  await Promise.all(serverIds.map((serverId) => serverStub(env, serverId).revoke()));
  await env.TOKENS.delete(indexKey(id));
}
