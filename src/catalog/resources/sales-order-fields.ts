import { z } from "zod";
import type { FieldSpec } from "../define";
import { DELIVERY_TYPE, ORDER_STATUS } from "../enums";
import { body, customFields, dateTime, id, inlineContact } from "../fields";

// Request bodies of POST and PUT /sales-orders (docs/edesk-api.md §2.3, SalesOrderCreateRequest and
// SalesOrderUpdateRequest). Both share the fields; only what is required differs.

/** AddressRequest: name, line_1, city, country (ISO-3166 alpha-2), postcode required. */
const address = z.strictObject({
  name: z.string().min(1),
  line_1: z.string().min(1),
  line_2: z.string().optional(),
  city: z.string().min(1),
  state: z.string().optional(),
  county: z.string().optional(),
  country: z.string().length(2).describe("ISO-3166 alpha-2, e.g. GB"),
  postcode: z.string().min(1),
});

const money = z.number().min(0);

const itemShape = {
  sku: z.string().min(1),
  title: z.string().min(1),
  quantity: z.int().min(1),
  item_amount: money,
  shipping_amount: money,
  product_image_url: z.url().optional(),
  brand: z.string().optional(),
  dimensions: z.string().optional().describe("h x l x w in cm"),
  weight: z.number().min(0).optional().describe("grams"),
};

const trackingCodes = z
  .array(
    z.strictObject({
      tracking_code: z.string().min(1),
      tracking_carrier_name: z.string().min(1).max(64),
      tracking_carrier_link: z
        .string()
        .optional()
        .describe("URL with the literal placeholder (tracking_code)"),
    }),
  )
  .min(1);

const deliveryDates = z.strictObject({
  expected_delivery_from: dateTime().optional(),
  expected_delivery_to: dateTime().optional(),
});

/** Fields of a sales-order create (`required`) or update (nothing required, items carry ids). */
export function salesOrderFields(mode: "create" | "update"): Record<string, FieldSpec> {
  const create = mode === "create";
  const item = create
    ? z.strictObject(itemShape)
    : z.strictObject({ id: id("The order's existing item id"), ...itemShape });
  return {
    channel_id: body(id(), create),
    seller_order_id: body(
      z.string().min(1).describe("Marketplace order number, unique per channel"),
      create,
    ),
    currency: body(z.string().min(1).describe("e.g. USD"), create),
    status: body(z.enum(ORDER_STATUS), create),
    shipping_amount: body(money, create),
    // An update's items carry their ids; the item schema's `required` shows what else they need.
    order_items: body(z.array(item).min(1), create),
    contact_id: body(id()),
    contact: body(inlineContact),
    // ship_to is optional in the spec but required by the live API (§2.3, CONFIRMED observed).
    ship_to: body(address, create),
    bill_to: body(address),
    tracking_codes: body(trackingCodes),
    sales_order_delivery_dates: body(deliveryDates),
    order_created_at: body(dateTime()),
    order_shipped_at: body(dateTime()),
    delivery_type: body(z.enum(DELIVERY_TYPE)),
    custom_fields: body(customFields),
  };
}
