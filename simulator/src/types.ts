/**
 * Stored record shapes. They mirror the response models of docs/edesk-api.md §2; the few fields
 * that are not part of a model are marked "internal" and stripped by render.ts.
 */

export interface User {
  id: number;
  name: string;
  email: string;
  active: boolean;
  username: string;
  role: string;
}

export interface Channel {
  id: number;
  type: string;
  country: string;
  currency: string;
  name: string;
}

export interface Contact {
  id: number;
  channel_id: number | null;
  client_id: number;
  full_name: string | null;
  phone_number: string | null;
  email: string;
}

export interface CustomFieldValue {
  id: number;
  name: string;
  value: string;
}

/** Internal: the account's custom-field definitions (no endpoint lists them, §2.8). */
export interface CustomFieldDef {
  id: number;
  name: string;
  kind: "text" | "number" | "boolean" | "date" | "select";
  options?: string[];
}

export interface TicketRecord {
  id: number;
  subject: string;
  type: string;
  channel_id: number;
  status: string;
  sales_order_id: number | null;
  external_order_id: number | null;
  created_at: string;
  last_updated_at: string | null;
  owner_user_id: number | null;
  custom_fields: CustomFieldValue[];
  time_left_to_reply: number | false;
  tags_ids: number[];
  contact_id: number | null;
  messages_ids: number[];
  uri: string;
  replies: number;
  ai_classification: string | null;
  /** Internal: backs the `Read`/`Unread` status filter. */
  read: boolean;
  /** Internal: backs the `Priority`/`Unpriority` status filter. */
  priority: boolean;
}

export interface Attachment {
  id: number;
  name: string;
  link: string | null;
  mime: string;
}

export interface MessageRecord {
  id: number;
  external_id: string | null;
  subject: string | null;
  created_at: string;
  from_consumer_id: number | null;
  from_user: User | null;
  type: string;
  attachments: Attachment[];
  direction: string;
  body: string;
  errors: string[];
  ticket_id: number;
}

/** `ProductChannel` (§2.3). Also kept as an internal catalogue keyed by sku and currency. */
export interface Product {
  id: number;
  sku: string;
  title: string;
  brand: string | null;
  dimensions: string | null;
  weight: number | null;
  product_image_url: string | null;
  marketplace_link: string | null;
  price: number;
  currency: string;
}

export interface OrderItem {
  id: number;
  product: Product;
  quantity: number;
  end_price: number;
}

export interface Address {
  name: string;
  line_1: string;
  line_2: string | null;
  city: string;
  state: string | null;
  county: string | null;
  country: string;
  postcode: string;
  country_name: string;
}

export interface TrackingCode {
  tracking_code: string | null;
  tracking_link: string | null;
  tracking_carrier_name: string | null;
}

export interface DeliveryDates {
  expected_delivery_from: string | null;
  expected_delivery_to: string | null;
}

export interface SalesOrderRecord {
  id: number;
  channel_id: number;
  seller_order_id: string;
  status: string;
  order_items: OrderItem[];
  shipping_amount: number;
  total_amount: number;
  ship_to: Address | null;
  bill_to: Address | null;
  contact_id: number | null;
  tracking_codes: TrackingCode[] | null;
  created_at: string;
  last_updated_at: string | null;
  ticket_id: number | null;
  order_notes_id: number[] | null;
  sales_order_delivery_dates: DeliveryDates | null;
  order_created_at: string | null;
  order_shipped_at: string | null;
  delivery_type: string | null;
  custom_fields: CustomFieldValue[];
}

export interface NoteAttachment extends Attachment {
  attachmentType: string;
}

export interface OrderNoteRecord {
  id: number;
  sales_order_id: number;
  user: User;
  text: string;
  attachments: NoteAttachment[];
  created_at: string;
  last_updated_at: string;
}

export interface TemplateRecord {
  id: number;
  name: string;
  subject: string | null;
  body_text: string;
  channels: number[] | null;
  template_usage: string;
  template_type: string[];
  query_type: string[] | null;
  order_status: string[] | null;
  delivery_date: string | null;
  active: boolean;
  order_fulfilment: string[] | null;
  created_at: string;
  message_subject: string | null;
  invoice_attached: boolean;
  only_use_if_no_replies_yet: boolean;
  ai_classification: { classification: string; quick_reply: boolean } | null;
  attachments: Attachment[];
}

export interface Tag {
  id: number;
  name: string;
  active: boolean;
  tag_group_id: number;
  color: string;
  icon: string;
}

export interface TagGroup {
  id: number;
  name: string | null;
  user_id: number;
  entity_type: string;
  type: string;
  hide: boolean;
}

/** Every collection a tenant holds, by storage kind. */
export interface Collections {
  channels: Channel;
  users: User;
  contacts: Contact;
  custom_fields: CustomFieldDef;
  products: Product;
  sales_orders: SalesOrderRecord;
  tickets: TicketRecord;
  messages: MessageRecord;
  order_notes: OrderNoteRecord;
  templates: TemplateRecord;
  tags: Tag;
  tag_groups: TagGroup;
}

export type Kind = keyof Collections;

export const KINDS: Kind[] = [
  "channels",
  "users",
  "contacts",
  "custom_fields",
  "products",
  "sales_orders",
  "tickets",
  "messages",
  "order_notes",
  "templates",
  "tags",
  "tag_groups",
];

/** Account-level facts that are not records. */
export interface TenantMeta {
  tenant: string;
  client_id: number;
  /** The user `GET /whoami` returns for this account's tokens. */
  whoami_user_id: number;
  /** Next ids for sub-records that have no collection of their own. */
  next_order_item_id: number;
  next_attachment_id: number;
}

/** A complete tenant dataset, as produced by the seed. */
export type TenantData = { [K in Kind]: Collections[K][] } & { meta: TenantMeta };
