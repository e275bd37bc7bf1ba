import { BoundedMap } from "../../lib/collections/bounded-map";

/**
 * KV holds `token:<sha256>` → server id. It is a cache for routing only: KV is eventually
 * consistent, so the ServerObject authorises every request (docs/architecture.md §2).
 */
const key = (tokenHash: string) => `token:${tokenHash}`;

/** Per-isolate memo of hash → server id; safe because the ServerObject re-checks the hash. */
const MEMO_LIMIT = 1000;
const memo = new BoundedMap<string, string>(MEMO_LIMIT);

export async function putTokenRoute(kv: KVNamespace, tokenHash: string, serverId: string) {
  await kv.put(key(tokenHash), serverId);
}

export async function deleteTokenRoute(kv: KVNamespace, tokenHash: string) {
  memo.delete(tokenHash);
  await kv.delete(key(tokenHash));
}

export async function findServerId(kv: KVNamespace, tokenHash: string): Promise<string | null> {
  const known = memo.peek(tokenHash);
  if (known) return known;
  const serverId = await kv.get(key(tokenHash));
  if (serverId) {
    memo.set(tokenHash, serverId);
  }
  return serverId;
}

/** Drops a memoised route that its ServerObject no longer recognises. */
export function forgetTokenRoute(tokenHash: string) {
  memo.delete(tokenHash);
}
