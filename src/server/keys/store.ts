import { objectStub, type Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { encodeBase64Url } from "../../lib/encoding/base64";
import { randomId, sha256Hex } from "../tokens/token";
import type { KeyObject, KeyRecord } from "./key-object";
import { MAX_KEYS, type CreateKeyBody, type KeyView } from "./schemas";

/** Generated keys: a recognisable prefix (for secret scanners and a cheap pre-check) + 256 bits. */
export const KEY_PREFIX = "emk_";
const KEY_SHAPE = /^emk_[A-Za-z0-9_-]{43}$/;
const KEY_ID = /^key_[A-Za-z0-9_-]{16}$/;

export const looksLikeStoredKey = (value: string) => KEY_SHAPE.test(value);

/**
 * The single KeyObject (see key-object.ts for why one Durable Object; wrangler.toml binds KEYS to
 * its class).
 */
export function keyStore(env: Env): DurableObjectStub<KeyObject> {
  return objectStub<KeyObject>(env.KEYS, "keys");
}

/**
 * Creates a key and returns its view with the key itself, which is shown this once: only its
 * SHA-256 is stored. `accountExists` keeps unknown accounts out (the admin API checks them).
 */
export async function createKey(
  env: Env,
  body: CreateKeyBody,
  accountExists: (id: string) => Promise<boolean>,
): Promise<KeyView & { key: string }> {
  const unknown: string[] = [];
  for (const id of body.account_ids ?? []) if (!(await accountExists(id))) unknown.push(id);
  if (unknown.length > 0) {
    throw new AppError(400, "invalid_request", "Unknown integrated account id.", {
      details: [{ field: "account_ids", message: `unknown: ${unknown.join(", ")}` }],
    });
  }
  const key = KEY_PREFIX + encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const view: KeyView = {
    id: randomId("key"),
    name: body.name,
    scope: body.scope,
    account_ids: body.account_ids ?? null,
    created_at: new Date().toISOString(),
  };
  const record: KeyRecord = { ...view, hash: await sha256Hex(key) };
  if (!(await keyStore(env).create(record))) {
    throw new AppError(400, "invalid_request", `At most ${MAX_KEYS} keys: revoke one first.`);
  }
  return { ...view, key };
}

export async function listKeys(env: Env): Promise<KeyView[]> {
  return keyStore(env).list();
}

export async function deleteKey(env: Env, id: string): Promise<void> {
  if (!KEY_ID.test(id) || !(await keyStore(env).remove(id))) {
    throw new AppError(404, "not_found", "API key not found.");
  }
}
