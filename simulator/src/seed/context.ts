import { formatDateTime } from "../dates";
import type { Address, Channel, Contact, Product, TenantData, User } from "../types";
import { countryName } from "../resources/sales-order-input";
import { CITIES, FIRST_NAMES, LAST_NAMES, PHONE_FORMATS, STREETS } from "./places";
import type { Rng } from "./prng";
import type { TenantProfile } from "./profile";

/** Increasing ids with random gaps (real systems share id spaces), skipping reserved ids. */
export class IdSeq {
  private value: number | undefined;

  constructor(
    private readonly start: number,
    private readonly step: [number, number],
    private readonly rng: Rng,
    private readonly reserved: Set<number>,
  ) {}

  next(): number {
    do {
      this.value = this.value === undefined ? this.start : this.value + this.rng.int(...this.step);
    } while (this.reserved.has(this.value));
    return this.value;
  }

  /** The first id after every id handed out so far. */
  following(): number {
    return (this.value ?? this.start - 1) + 1;
  }
}

/** Shared state while one tenant's dataset is generated. */
export interface SeedContext {
  rng: Rng;
  profile: TenantProfile;
  data: TenantData;
  seq: Record<"contact" | "order" | "ticket" | "message" | "note" | "item" | "attachment", IdSeq>;
  /** Per channel id: the channel's listing of each profile product (same index as the profile). */
  listings: Map<number, Product[]>;
}

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const days = (n: number) => n * DAY_MS;
export const fmt = formatDateTime;

export function channelOf(ctx: SeedContext, id: number): Channel {
  return ctx.profile.channels.find((c) => c.id === id)!;
}

export function userOf(ctx: SeedContext, id: number): User {
  return { ...ctx.profile.users.find((u) => u.id === id)! };
}

export const firstName = (fullName: string | null) => (fullName ?? "there").split(" ")[0]!;

/** Replaces `{key}` placeholders; unknown keys stay visible so gaps are easy to spot. */
export function fill(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Picks a text whose placeholders can all be filled (falls back to the first). */
export function pickText(rng: Rng, texts: string[], vars: Record<string, string | undefined>) {
  const usable = fillable(texts, vars);
  return fill(usable.length ? rng.pick(usable) : texts[0]!, vars);
}

/** The texts whose placeholders all have a value. */
export function fillable(texts: string[], vars: Record<string, string | undefined>): string[] {
  return texts.filter((t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => vars[m[1]!]));
}

/** A contact; Amazon buyers get the marketplace's relay address, others an example.com one. */
export function makeContact(
  ctx: SeedContext,
  channelId: number,
  fullName: string,
  usedEmails: Set<string>,
): Contact {
  const { rng } = ctx;
  const channel = channelOf(ctx, channelId);
  const slug = fullName
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .replace(" ", ".");
  let email =
    channel.type === "Amazon"
      ? `${rng.chars(16)}@marketplace.amazon.com`
      : `${slug}${rng.int(1, 99)}@example.com`;
  if (usedEmails.has(email)) email = email.replace("@", `.${usedEmails.size}@`);
  usedEmails.add(email);
  const phone = PHONE_FORMATS[channel.country] as
    | ((d: (n: number) => string) => string)
    | undefined;
  return {
    id: ctx.seq.contact.next(),
    channel_id: channelId,
    client_id: ctx.profile.clientId,
    full_name: fullName,
    phone_number: phone && rng.chance(0.6) ? phone((n) => rng.digits(n)) : null,
    email,
  };
}

export function randomName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** A plausible address in `country` for `name`. */
export function makeAddress(rng: Rng, name: string, country: string): Address {
  const place = rng.pick(CITIES[country] ?? CITIES.US!);
  const street = rng.pick(STREETS[country] ?? STREETS.US!);
  const number = rng.int(1, 240);
  return {
    name,
    line_1: country === "DE" ? `${street} ${number}` : `${number} ${street}`,
    line_2: rng.chance(0.15)
      ? country === "GB"
        ? `Flat ${rng.int(1, 12)}`
        : `Apt ${rng.int(1, 30)}`
      : null,
    city: place.city,
    state: place.state,
    county: place.county,
    country,
    postcode: place.postcode,
    country_name: countryName(country),
  };
}
