import { z } from "zod";
import { defineResource } from "../define";
import { ORDER_BY, ORDER_DIRECTION, ORDER_STATUS } from "../enums";
import {
  CREATE,
  DELETE,
  OVERWRITE,
  READ,
  atLeastOne,
  day,
  id,
  notBoth,
  pathId,
  query,
} from "../fields";
import { Confirmation, SalesOrder, listOf } from "../models";
import { salesOrderFields } from "./sales-order-fields";

// Sales orders (docs/edesk-api.md §2.3): the e-commerce orders behind tickets.

const createFields = salesOrderFields("create");
const updateFields = { id: pathId(), ...salesOrderFields("update") };

export const salesOrders = defineResource({
  name: "sales_orders",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/sales-orders",
      source: "§2.3 GET /sales-orders",
      annotations: READ,
      output: listOf(SalesOrder),
      description:
        "List sales orders (marketplace and shop orders); filters combine with AND. By marketplace " +
        "order number: filter_seller_order_id_equals. Newly created orders can lag in " +
        "list filters; get_single_e_desk_sales_order_by_id is immediate. A ticket's own order is its " +
        "sales_order_id.",
      fields: {
        order_by: query(z.enum(ORDER_BY)),
        order_direction: query(z.enum(ORDER_DIRECTION)),
        filter_seller_order_id_equals: query(
          z.string().min(1).describe("e.g. 406-1195395-1150767"),
        ),
        filter_status_equals: query(z.enum(ORDER_STATUS)),
        filter_channel_id_equals: query(id()),
        filter_contact_id_equals: query(id()),
        filter_id_gte: query(id()),
        filter_id_lte: query(id()),
        filter_created_at_gte: query(day()),
        filter_created_at_lte: query(day()),
        filter_last_updated_at_gte: query(day()),
        filter_last_updated_at_lte: query(day()),
      },
    },
    {
      method: "get",
      http: "GET",
      path: "/sales-orders/{id}",
      source: "§2.3 GET /sales-orders/{salesOrderId}",
      annotations: READ,
      output: SalesOrder,
      description:
        "Get one sales order: status, order_items (product sku, title, price, currency, quantity), " +
        "amounts, ship_to, bill_to, tracking_codes (code, carrier, link), " +
        "sales_order_delivery_dates, order_notes_id, ticket_id. Order, delivery and tracking facts " +
        "come from here: never invent them.",
      fields: { id: pathId() },
    },
    {
      method: "create",
      http: "POST",
      path: "/sales-orders",
      source: "§2.3 POST /sales-orders",
      annotations: CREATE,
      output: SalesOrder,
      check: (args) =>
        args.contact_id === undefined && args.contact === undefined
          ? ["Name the customer: give contact_id or contact."]
          : notBoth("contact_id", "contact")(args),
      description:
        "Create a sales order, e.g. one eDesk did not sync. Name the customer with exactly one of " +
        "contact_id or contact.",
      fields: createFields,
    },
    {
      method: "update",
      http: "PUT",
      path: "/sales-orders/{id}",
      source: "§2.3 PUT /sales-orders/{salesOrderId}",
      annotations: OVERWRITE,
      output: SalesOrder,
      check: (args) => [
        ...atLeastOne(Object.keys(createFields))(args),
        ...notBoth("contact_id", "contact")(args),
      ],
      description:
        "Update a sales order: send only what changes. Each order_items entry needs its existing item " +
        "id (from the order) plus sku, title, quantity, item_amount, shipping_amount. Error 4014: " +
        "order and channel do not match; 4017: item not in this order. Tracking links have their own " +
        "tools (sales_order_tracking_link).",
      fields: updateFields,
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/sales-orders/{id}",
      source: "§2.3 DELETE /sales-orders/{salesOrderId}",
      annotations: DELETE,
      output: Confirmation,
      description: "Delete a sales order.",
      fields: { id: pathId() },
    },
  ],
});
