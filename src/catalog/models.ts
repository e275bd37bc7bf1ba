import { z } from "zod";
import { pii } from "./pii";

// Output schemas of eDesk objects (docs/edesk-api.md §2). Deliberately permissive: every field is
// optional and nullable, unknown fields pass, and scalar types allow what the live API was seen
// to send instead of the spec's type (timestamps as strings or numbers, booleans as 0/1, §3).
// A real response must never fail output validation.
// `pii(kind, …)` marks the fields that carry personal data, for `config.redact`: ids, order
// numbers, cities and countries are never marked, so a redacted result can still be acted on.

type Shape = Record<string, z.ZodType>;

/** A loose object whose every field may be missing or null. */
function loose(shape: Shape) {
  const fields: Shape = {};
  for (const [key, schema] of Object.entries(shape)) fields[key] = schema.nullish();
  return z.looseObject(fields);
}

const num = z.union([z.number(), z.string()]);
const str = z.union([z.string(), z.number()]);
const flag = z.union([z.boolean(), z.number()]);
const ids = z.array(num);
const anyObject = z.record(z.string(), z.unknown());

const customField = loose({ id: num, name: z.string(), value: pii("text", z.unknown()) });
const attachment = loose({ id: num, name: z.string(), link: z.string(), mime: z.string() });

/** §2.8 User. */
export const User = loose({
  id: num,
  name: pii("name", z.string()),
  email: pii("email", z.string()),
  active: flag,
  // Usernames are usually built from the person's name.
  username: pii("name", z.string()),
  role: z.string(),
});

/** §2.2 Ticket_Item (a message, note or system event). */
export const Message = loose({
  id: num,
  external_id: str,
  subject: pii("text", z.string()),
  created_at: str,
  from_consumer_id: num,
  from_user: User,
  type: z.string(),
  attachments: z.array(attachment),
  direction: z.string(),
  body: pii("text", z.string()),
  errors: z.array(z.unknown()),
  ticket_id: num,
});

// An address keeps only its city and country when addresses are redacted.
const street = pii("address", str);
const address = loose({
  name: pii("name", z.string()),
  line_1: street,
  line_2: street,
  city: z.string(),
  state: street,
  county: street,
  country: z.string(),
  postcode: street,
  country_name: z.string(),
});

const product = loose({
  id: num,
  sku: str,
  title: z.string(),
  brand: z.string(),
  dimensions: z.string(),
  weight: num,
  product_image_url: z.string(),
  marketplace_link: z.string(),
  price: num,
  currency: z.string(),
});

/** §2.3 SalesOrder; the currency is only on each item's product. */
export const SalesOrder = loose({
  id: num,
  channel_id: num,
  seller_order_id: str,
  status: z.string(),
  order_items: z.array(loose({ id: num, product, quantity: num, end_price: num })),
  shipping_amount: num,
  total_amount: num,
  ship_to: address,
  bill_to: address,
  contact_id: num,
  tracking_codes: z.array(
    loose({ tracking_code: str, tracking_link: z.string(), tracking_carrier_name: z.string() }),
  ),
  created_at: str,
  last_updated_at: str,
  ticket_id: num,
  order_notes_id: ids,
  sales_order_delivery_dates: loose({ expected_delivery_from: str, expected_delivery_to: str }),
  order_created_at: str,
  order_shipped_at: str,
  delivery_type: z.string(),
  custom_fields: z.array(customField),
});

/** §2.1 Ticket. `time_left_to_reply` is seconds or `false` (observed). */
export const Ticket = loose({
  id: num,
  subject: pii("text", z.string()),
  type: z.string(),
  channel_id: num,
  status: z.string(),
  sales_order_id: num,
  // The order embedded in a ticket answer carries the same personal data as the order itself.
  sales_order: SalesOrder,
  external_order_id: str,
  created_at: str,
  last_updated_at: str,
  owner_user_id: num,
  custom_fields: z.array(customField),
  time_left_to_reply: z.union([z.number(), z.boolean()]),
  tags_ids: ids,
  contact_id: num,
  messages_ids: ids,
  uri: z.string(),
  replies: num,
  ai_classification: z.string(),
});

/** §2.4 GET tracking links. */
export const TrackingLinks = loose({
  tracking_links: z.array(loose({ tracking_link: z.string(), tracking_carrier_name: z.string() })),
});

/** §2.5 OrderNote. */
export const OrderNote = loose({
  id: num,
  sales_order_id: num,
  user: User,
  text: pii("text", z.string()),
  attachments: z.array(
    loose({ id: num, name: z.string(), link: z.string(), mime: z.string(), attachmentType: str }),
  ),
  created_at: str,
  last_updated_at: str,
});

/** §2.6 Template. */
export const Template = loose({
  id: num,
  name: z.string(),
  subject: z.string(),
  body_text: pii("text", z.string()),
  channels: ids,
  template_usage: z.string(),
  template_type: z.array(z.string()),
  query_type: z.array(z.string()),
  order_status: z.array(z.string()),
  delivery_date: z.string(),
  active: flag,
  order_fulfilment: z.array(z.string()),
  created_at: str,
  message_subject: z.string(),
  invoice_attached: flag,
  only_use_if_no_replies_yet: flag,
  ai_classification: anyObject,
  attachments: z.array(attachment),
});

/** §2.7 Tag and TagGroup. */
export const Tag = loose({
  id: num,
  name: z.string(),
  active: flag,
  tag_group_id: num,
  color: str,
  icon: z.string(),
});
export const TagGroup = loose({
  id: num,
  name: z.string(),
  user_id: num,
  entity_type: z.string(),
  type: z.string(),
  hide: flag,
});

/** §2.8 Contact ("Consumer model") and Channel. */
export const Contact = loose({
  id: num,
  channel_id: num,
  client_id: num,
  full_name: pii("name", z.string()),
  phone_number: pii("phone", str),
  email: pii("email", z.string()),
});
export const Channel = loose({
  id: num,
  type: z.string(),
  country: z.string(),
  currency: z.string(),
  name: z.string(),
});

/** §1 GET /whoami → `{user}`. */
export const Whoami = loose({ user: User });

/** DELETE answers `{ok, message}` (§2.1: live API, not the documented `{data: …}`). */
export const Confirmation = loose({ ok: flag, message: z.string() });

/** What the engine returns for every list tool (docs/architecture.md §1). */
export function listOf(item: z.ZodType) {
  return z.looseObject({ result: z.array(item), next_cursor: z.string().nullable() });
}
