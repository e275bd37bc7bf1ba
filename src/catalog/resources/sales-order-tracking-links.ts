import { z } from "zod";
import { defineResource } from "../define";
import { CREATE, DELETE, OVERWRITE, READ, body, pathId } from "../fields";
import { Confirmation, SalesOrder, TrackingLinks } from "../models";

// Tracking links of a sales order: one path per order, POST adds, PUT replaces all, DELETE
// removes all (docs/edesk-api.md §2.4). POST and PUT return the full sales order (per [CLI]).

const trackingLinks = body(
  z
    .array(
      z.strictObject({
        tracking_link: z.url().describe("Full URL, no placeholder"),
        tracking_carrier_name: z.string().min(1).max(64).optional(),
      }),
    )
    .min(1),
  true,
);

/** These paths take the sales order's id (§2.4): the tool names do not say so. */
const orderId = pathId("The sales order's id");

export const salesOrderTrackingLinks = defineResource({
  name: "sales_order_tracking_links",
  tags: ["sales_orders"],
  operations: [
    {
      method: "get",
      http: "GET",
      path: "/sales-orders-tracking-links/{id}",
      source: "§2.4 GET /sales-orders-tracking-links/{salesOrderId}",
      annotations: READ,
      output: TrackingLinks,
      description:
        "Get a sales order's tracking links (full URLs with carrier names). The order itself also " +
        "carries tracking_codes.",
      fields: { id: orderId },
    },
    {
      method: "create",
      http: "POST",
      path: "/sales-orders-tracking-links/{sales_order_id}",
      source: "§2.4 POST /sales-orders-tracking-links/{salesOrderId}",
      annotations: CREATE,
      output: SalesOrder,
      description:
        "Add tracking links to a sales order, keeping the existing ones (calling twice adds twice). " +
        "Returns the sales order.",
      fields: { sales_order_id: pathId(), tracking_links: trackingLinks },
    },
    {
      method: "update",
      http: "PUT",
      path: "/sales-orders-tracking-links/{id}",
      source: "§2.4 PUT /sales-orders-tracking-links/{salesOrderId}",
      annotations: OVERWRITE,
      output: SalesOrder,
      description:
        "Replace ALL tracking links of a sales order with tracking_links: links not listed are " +
        "removed. Returns the sales order.",
      fields: { id: orderId, tracking_links: trackingLinks },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/sales-orders-tracking-links/{id}",
      source: "§2.4 DELETE /sales-orders-tracking-links/{salesOrderId}",
      annotations: DELETE,
      output: Confirmation,
      // GUESS: the answer is assumed to be the {ok, message} confirmation of other deletes (§2.1).
      description:
        "Remove ALL tracking links of a sales order; eDesk cannot delete a single link. To drop one, " +
        "use update_a_e_desk_sales_order_tracking_link_by_id with the links to keep.",
      fields: { id: orderId },
    },
  ],
});
