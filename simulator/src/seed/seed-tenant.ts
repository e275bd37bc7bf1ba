import type { TenantData } from "../types";
import { IdSeq, makeContact, randomName, type SeedContext } from "./context";
import { addDemoNamedRecords } from "./demo-named";
import { generateNotes } from "./notes";
import { generateOrders, makeListings } from "./orders";
import { hashString, Rng } from "./prng";
import { ACME_PROFILE } from "./profile-acme";
import { DEMO_PROFILE } from "./profile-demo";
import type { TenantProfile } from "./profile";
import { generateTickets } from "./tickets";

/**
 * The deterministic dataset of a tenant: `demo` (large, with the named records), `acme`
 * (small and different), and for any other tenant name an acme-sized set seeded by the name.
 */

function profileFor(tenant: string): TenantProfile {
  if (tenant === "demo") return DEMO_PROFILE;
  if (tenant === "acme") return ACME_PROFILE;
  const hash = hashString(tenant);
  const name = tenant.charAt(0).toUpperCase() + tenant.slice(1);
  return {
    ...ACME_PROFILE,
    company: `${name} Trading`,
    clientId: 10_000 + (hash % 80_000),
    seed: hash,
  };
}

export function seedTenant(tenant: string): TenantData {
  const profile = profileFor(tenant);
  const rng = new Rng(profile.seed);
  const reserved = new Set(profile.reserved);
  const seq = (start: number, step: [number, number]) => new IdSeq(start, step, rng, reserved);
  const { ids } = profile;
  const data: TenantData = structuredClone({
    channels: profile.channels,
    users: profile.users,
    contacts: [],
    custom_fields: profile.customFields,
    products: [],
    sales_orders: [],
    tickets: [],
    messages: [],
    order_notes: [],
    templates: profile.templates,
    tags: profile.tags,
    tag_groups: profile.tagGroups,
    meta: {
      tenant,
      client_id: profile.clientId,
      whoami_user_id: profile.whoamiUserId,
      next_order_item_id: 0,
      next_attachment_id: 0,
    },
  });
  const ctx: SeedContext = {
    rng,
    profile,
    data,
    listings: new Map(),
    seq: {
      contact: seq(ids.contact, [3, 60]),
      order: seq(ids.order, [40, 420]),
      ticket: seq(ids.ticket, [60, 1500]),
      message: seq(ids.message, [1, 37]),
      note: seq(ids.note, [1, 9]),
      item: seq(ids.item, [1, 5]),
      attachment: seq(ids.attachment, [1, 3]),
    },
  };
  let productId = ids.product;
  data.products = makeListings(ctx, () => productId++);
  const emails = new Set<string>();
  data.contacts = Array.from({ length: profile.counts.contacts }, () =>
    makeContact(ctx, rng.weighted(profile.channelWeights), randomName(rng), emails),
  );
  data.sales_orders = generateOrders(ctx, data.contacts);
  data.tickets = generateTickets(ctx, data.contacts, data.sales_orders);
  data.order_notes = generateNotes(ctx, data.sales_orders);
  if (tenant === "demo") addDemoNamedRecords(ctx, emails);
  data.meta.next_order_item_id = ctx.seq.item.following();
  data.meta.next_attachment_id = ctx.seq.attachment.following();
  return data;
}
