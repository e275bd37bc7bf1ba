import type { Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { ACCOUNT_ID, SERVER_ID } from "../../server/tokens/token";
import { accountObject } from "../../server/accounts/account-object";
import { serverObject } from "../../server/server-object/server-object";

function notFound(what: string): AppError {
  return new AppError(404, "not_found", `${what} not found.`);
}

/** The account's Durable Object; malformed ids are 404 without creating an object. */
export function accountStub(env: Env, id: string) {
  if (!ACCOUNT_ID.test(id)) throw notFound("Integrated account");
  return accountObject(env, id);
}

export function serverStub(env: Env, id: string) {
  if (!SERVER_ID.test(id)) throw notFound("MCP server");
  return serverObject(env, id);
}

export { notFound };
