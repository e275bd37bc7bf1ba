import { createRequestStateCodec, type RequestStateCodec } from "@modelcontextprotocol/server";
import type { ConfirmState } from "./confirm";
import { QUESTION_TTL_SECONDS } from "./confirmations";

/** Storage key of the server's HMAC key for 2026-07-28 confirmation rounds (docs/storage.md). */
const KEY = "confirm-state-key";

/**
 * Signs and checks the `requestState` of a 2026-07-28 confirmation round. The state comes back
 * from the client with the person's answer; an HMAC under a key only this ServerObject holds
 * proves it is the state we minted, for this call (its fingerprint) and not older than the
 * question's time limit. The key is 32 random bytes made on first use and kept in the
 * object's storage, so a question survives the object's eviction; another server cannot
 * forge or reuse this one's states.
 */
export class ConfirmationSigner {
  private codec: RequestStateCodec<ConfirmState> | undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  async get(): Promise<RequestStateCodec<ConfirmState>> {
    if (this.codec) return this.codec;
    let key = await this.storage.get<Uint8Array>(KEY);
    if (!(key instanceof Uint8Array) || key.byteLength !== 32) {
      key = crypto.getRandomValues(new Uint8Array(32));
      await this.storage.put(KEY, key);
    }
    this.codec = createRequestStateCodec<ConfirmState>({ key, ttlSeconds: QUESTION_TTL_SECONDS });
    return this.codec;
  }

  /** The storage was wiped (purge): a new key next time. */
  reset(): void {
    this.codec = undefined;
  }
}
