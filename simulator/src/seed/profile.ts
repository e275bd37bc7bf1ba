import type { Channel, CustomFieldDef, Tag, TagGroup, TemplateRecord, User } from "../types";
import type { Topic } from "./texts";

/** A catalogue product; `price` is in the profile's base currency. */
export interface ProductSpec {
  sku: string;
  title: string;
  brand: string;
  price: number;
  weight: number;
  dimensions: string;
}

/** Everything that makes one tenant's generated dataset its own. */
export interface TenantProfile {
  company: string;
  clientId: number;
  seed: number;
  channels: Channel[];
  /** Channel weights for new contacts, by channel id. */
  channelWeights: [number, number][];
  users: User[];
  whoamiUserId: number;
  /** Users who own tickets and write replies and notes. */
  agentIds: number[];
  /** The escalation lead: owner of high-value damage tickets. */
  leadUserId: number;
  products: ProductSpec[];
  /** Multipliers from the base price to a channel currency. */
  fx: Record<string, number>;
  customFields: CustomFieldDef[];
  tagGroups: TagGroup[];
  tags: Tag[];
  /** Tag names that fit each topic. */
  topicTags: Partial<Record<Topic, string[]>>;
  templates: TemplateRecord[];
  /** First ids (and strides) of generated records. */
  ids: {
    contact: number;
    order: number;
    ticket: number;
    message: number;
    note: number;
    product: number;
    item: number;
    attachment: number;
  };
  counts: { contacts: number; orders: number; tickets: number };
  /** Generated tickets are created within [start, end] (UTC days). */
  period: { start: string; end: string };
  /** Ids that generated tickets and orders must not take (reserved for named records). */
  reserved: number[];
  /** Generated subjects containing "Shipping update" are only used from this day on. */
  shippingUpdateFrom?: string;
  /** Shopify-style order names start here. */
  shopOrderStart: number;
}
