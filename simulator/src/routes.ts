import * as directory from "./resources/directory";
import * as messages from "./resources/messages";
import * as notes from "./resources/order-notes";
import * as orders from "./resources/sales-orders";
import { listSalesOrders } from "./resources/sales-orders-list";
import * as tags from "./resources/tags";
import * as templates from "./resources/templates";
import * as tickets from "./resources/tickets";
import { listTickets } from "./resources/tickets-list";
import * as tracking from "./resources/tracking-links";
import { route, type Route } from "./router";

/** The 40 documented operations (docs/edesk-api.md §2), paths relative to `/v1`. */
export const ROUTES: Route[] = [
  route("GET", "/tickets", listTickets),
  route("POST", "/tickets", tickets.createTicket),
  route("GET", "/tickets/:id", tickets.getTicket),
  route("PUT", "/tickets/:id", tickets.updateTicket),
  route("PUT", "/tickets/:id/data", tickets.updateTicketData),
  route("DELETE", "/tickets/:id", tickets.deleteTicket),

  route("POST", "/messages", messages.createMessage),
  route("GET", "/messages/:id", messages.getMessage),
  route("PUT", "/messages/:id", messages.updateMessage),
  route("DELETE", "/messages/:id", messages.deleteMessage),

  route("GET", "/sales-orders", listSalesOrders),
  route("POST", "/sales-orders", orders.createSalesOrder),
  route("GET", "/sales-orders/:id", orders.getSalesOrder),
  route("PUT", "/sales-orders/:id", orders.updateSalesOrder),
  route("DELETE", "/sales-orders/:id", orders.deleteSalesOrder),

  route("GET", "/sales-orders-tracking-links/:id", tracking.getTrackingLinks),
  route("POST", "/sales-orders-tracking-links/:id", tracking.addTrackingLinks),
  route("PUT", "/sales-orders-tracking-links/:id", tracking.replaceTrackingLinks),
  route("DELETE", "/sales-orders-tracking-links/:id", tracking.deleteTrackingLinks),

  route("GET", "/order-notes", notes.listOrderNotes),
  route("POST", "/order-notes", notes.createOrderNote),
  route("GET", "/order-notes/:id", notes.getOrderNote),
  route("PUT", "/order-notes/:id", notes.updateOrderNote),
  route("DELETE", "/order-notes/:id", notes.deleteOrderNote),
  route("POST", "/order-notes/:id/attachments", notes.addOrderNoteAttachments),

  route("GET", "/templates", templates.listTemplates),
  route("POST", "/templates", templates.createTemplate),
  route("GET", "/templates/:id", templates.getTemplate),
  route("PUT", "/templates/:id", templates.updateTemplate),
  route("DELETE", "/templates/:id", templates.deleteTemplate),

  route("GET", "/tags", tags.listTags),
  route("POST", "/tags", tags.createTag),
  route("GET", "/tags/:id", tags.getTag),
  route("PUT", "/tags/:id", tags.updateTag),
  route("DELETE", "/tags/:id", tags.deleteTag),

  route("GET", "/tag-groups", tags.listTagGroups),
  route("GET", "/contacts", directory.listContacts),
  route("GET", "/channels", directory.listChannels),
  route("GET", "/users", directory.listUsers),
  route("GET", "/whoami", directory.whoami),
];
