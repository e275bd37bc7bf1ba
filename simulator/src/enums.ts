/** Enumerations copied from docs/edesk-api.md (sections cited per constant). */

/** Ticket status in the model and on create (§2.1). */
export const TICKET_STATUSES = [
  "Scheduled",
  "Spam",
  "Archived",
  "Open",
  "Pending",
  "Closed",
] as const;

/** Ticket status accepted by `filter_status_equals` and `PUT /tickets/{id}` (§2.1, §3). */
export const TICKET_STATUS_FILTERS = [
  ...TICKET_STATUSES,
  "Unread",
  "Read",
  "Unpriority",
  "Priority",
] as const;

/** Ticket `type` (§2.1). */
export const TICKET_TYPES = [
  "BuyerNotes",
  "Cancellation",
  "Chat",
  "Chatbot",
  "ContactBuyer",
  "ContactForm",
  "DefectiveItemReceived",
  "FeedbackReply",
  "Incident",
  "InvoiceRequest",
  "NegativeFeedback",
  "OfferQuery",
  "OrderAdjustment",
  "OrderClaim",
  "OrderQuery",
  "OrderShippingInquiry",
  "PaymentsQuery",
  "Presales",
  "ProductQuery",
  "PublicMessage",
  "Query",
  "Refund",
  "ResolutionCase",
  "ReturnRequest",
  "ReturnsQuery",
  "SampleQuery",
  "ShippingQuery",
  "SystemMessage",
  "WrongItemReceived",
] as const;

/** `order_by` of the ticket and sales-order lists (§2.1, §2.3). */
export const ORDER_BY = ["id", "created_at", "last_updated_at"] as const;
export const ORDER_DIRECTIONS = ["asc", "desc"] as const;

/** Message types that `POST /messages` accepts (§2.2). */
export const MESSAGE_CREATE_TYPES = ["Message", "Note"] as const;
/** `PUT /messages/{id}` accepts only `Note` (§2.2). */
export const MESSAGE_UPDATE_TYPES = ["Note"] as const;
/** Directions that `POST /messages` accepts (§2.2, §3). */
export const MESSAGE_CREATE_DIRECTIONS = ["Incoming", "Outgoing"] as const;

/** Sales order status (§2.3). */
export const ORDER_STATUSES = [
  "OrderReceived",
  "PaymentReceived",
  "PaymentRejected",
  "PaymentAccepted",
  "OrderShipped",
  "InTransit",
  "Delivered",
  "Canceled",
  "Returned",
  "Hold",
] as const;

/** Sales order `delivery_type` (§2.3). */
export const DELIVERY_TYPES = ["Expedited", "NextDay", "SecondDay", "Standard"] as const;

/** Order-note attachment type (§2.5). */
export const ATTACHMENT_TYPES = ["Other", "Invoice"] as const;

/** Template enums (§2.6). */
export const TEMPLATE_USAGES = ["Manual", "ManualAuto", "Auto", "Rule", "OutOfOffice"] as const;
export const TEMPLATE_CREATE_USAGES = ["Manual", "ManualAuto"] as const;
export const TEMPLATE_TYPES_REQUEST = ["Consumer", "Internal", "External"] as const;
export const DELIVERY_DATE_OPTIONS = ["Within", "Outside"] as const;
export const ORDER_FULFILMENTS = ["FBA", "MerchantFulfilled"] as const;
export const AI_CLASSIFICATIONS = [
  "WhereOrder",
  "ShipmentInstructions",
  "PreorderShipmentInquiry",
  "GiftPurchase",
  "FaultyItem",
  "WrongItem",
  "MissingItems",
  "Damaged",
  "DontFit",
  "NotAsDescribed",
  "Warranty",
  "OtherReturn",
  "RefundRequest",
  "CancellationRequest",
  "PaymentIssue",
  "InvoiceRequest",
  "NoResponseNeeded",
  "HappyCustomer",
  "OutOfOffice",
  "OrderIssue",
  "ProductQuery",
  "TrackingCodeRequest",
  "UnhappyCustomer",
  "Replacement",
  "EvidenceReceived",
] as const;

/** Tag colour palette, hex without `#` (§2.7). */
export const TAG_COLORS = [
  "757575",
  "F44336",
  "E91E63",
  "9C27B0",
  "673AB7",
  "3F51B5",
  "2196F3",
  "03A9F4",
  "00BCD4",
  "009688",
  "4CAF50",
  "8BC34A",
  "FFA000",
  "FB8C00",
  "FF5722",
  "795548",
  "607D8B",
  "000000",
  "F68843",
  "3BB9FB",
  "8488E7",
  "2C6DEF",
  "FFDF7E",
  "CFAAF8",
  "B6D44C",
  "F480B6",
  "EB3F48",
  "76767B",
  "D682C8",
] as const;

/** Tag icon names (§2.7). */
export const TAG_ICONS = [
  "folder",
  "heart",
  "hashtag",
  "automobile",
  "ban",
  "bank",
  "bell",
  "bolt",
  "bullhorn",
  "bullseye",
  "calendar",
  "check",
  "close",
  "cog",
  "comment",
  "comments",
  "exclamation",
  "eye",
  "flag",
  "gift",
  "group",
  "globe",
  "info",
  "legal",
  "magic",
  "money",
  "plane",
  "plug",
  "print",
  "recycle",
  "refresh",
  "reply",
  "smile",
  "star",
  "support",
  "tint",
  "tree",
  "user",
  "users",
  "unlock",
  "wheelchair",
  "wrench",
  "euro",
  "gbp",
  "remove",
  "dropbox",
  "truck",
  "dollar",
  "phone",
  "adjust",
  "adn",
  "ambulance",
  "anchor",
] as const;
