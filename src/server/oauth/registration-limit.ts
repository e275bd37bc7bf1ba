import { DurableObject } from "cloudflare:workers";
import { objectStub, type Env } from "../../lib/env";

/**
 * Dynamic Client Registration is open to anyone on the Internet (RFC 7591, as MCP clients use
 * it) and names no MCP server, so registrations are bounded per hour: for the whole service,
 * which bounds what KV can be made to hold (each client up to 16 KiB for 90 days: at most
 * 2,400 a day), and per source address, so that one address cannot spend the whole hour. A
 * real client registers once per install (mcp-remote keeps its registration; a connector
 * registers when it is added): ten an hour leave room for a person's retries. Only
 * registrations that succeed are counted; a refused body costs nothing.
 */
export const MAX_REGISTRATIONS_PER_HOUR = 100;
export const MAX_REGISTRATIONS_PER_ADDRESS = 10;
export const REGISTRATION_WINDOW_MS = 60 * 60 * 1000;

/** A granted registration's place, given back when the registration itself fails. */
export type Admission = { wait: 0; ticket: number } | { wait: number; ticket?: undefined };

/**
 * The source an address counts under: an IPv4 address, or an IPv6 /64 (one subscriber's
 * network: a host picks any address in it). Null when there is none, as only off Cloudflare
 * (a local `wrangler dev` or test) happens: then only the service-wide bound applies.
 */
export function addressGroup(address: string | null): string | null {
  const value = address?.trim().toLowerCase();
  if (!value) return null;
  if (!value.includes(":")) return value;
  const [head = "", tail] = value.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array(8 - front.length - back.length).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The one Durable Object (named `registrations`) that counts registrations of the last hour. A
 * Durable Object rather than KV so that a burst cannot pass the bound together (KV has no
 * atomic increment). Rows hold when and a keyed hash of the address group, never the address;
 * the hash key lives in memory only, so after a restart of the object the per-address counts
 * start afresh while the service-wide count holds.
 */
export class RegistrationObject extends DurableObject<Env> {
  /** Injectable so that tests move time instead of sleeping. */
  now: () => number = Date.now;
  private key: Promise<CryptoKey> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS registrations (at INTEGER NOT NULL, source TEXT)",
    );
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS registrations_at ON registrations (at)");
  }

  /** Takes a place for one registration from `group` (addressGroup), or says how long to wait. */
  async admit(group: string | null): Promise<Admission> {
    const sql = this.ctx.storage.sql;
    const now = this.now();
    const since = now - REGISTRATION_WINDOW_MS;
    sql.exec("DELETE FROM registrations WHERE at <= ?", since);
    const source = group === null ? null : await this.hash(group);
    const wait = (oldest: number | null) =>
      Math.max(1, Math.ceil(((oldest ?? now) + REGISTRATION_WINDOW_MS - now) / 1000));
    const all = sql
      .exec<{
        n: number;
        oldest: number | null;
      }>("SELECT count(*) AS n, min(at) AS oldest FROM registrations")
      .one();
    if (all.n >= MAX_REGISTRATIONS_PER_HOUR) return { wait: wait(all.oldest) };
    if (source !== null) {
      const mine = sql
        .exec<{
          n: number;
          oldest: number | null;
        }>("SELECT count(*) AS n, min(at) AS oldest FROM registrations WHERE source = ?", source)
        .one();
      if (mine.n >= MAX_REGISTRATIONS_PER_ADDRESS) return { wait: wait(mine.oldest) };
    }
    const row = sql
      .exec<{
        id: number;
      }>("INSERT INTO registrations (at, source) VALUES (?, ?) RETURNING rowid AS id", now, source)
      .one();
    return { wait: 0, ticket: row.id };
  }

  /** The registration of `ticket` failed: its place is free again. */
  async release(ticket: number): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM registrations WHERE rowid = ?", ticket);
  }

  private async hash(group: string): Promise<string> {
    this.key ??= crypto.subtle.importKey(
      "raw",
      crypto.getRandomValues(new Uint8Array(32)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign("HMAC", await this.key, new TextEncoder().encode(group));
    return [...new Uint8Array(mac).slice(0, 16)]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
  }
}

/** The registration counter of this service (wrangler.toml binds REGISTRATIONS to its class). */
export function registrationLimit(env: Env): DurableObjectStub<RegistrationObject> {
  return objectStub<RegistrationObject>(env.REGISTRATIONS, "registrations");
}
