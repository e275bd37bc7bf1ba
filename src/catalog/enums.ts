// Enum values copied verbatim from docs/edesk-api.md; each list names its section.

/** Ticket status in the model and on create (§2.1). */
export const TICKET_STATUS = [
  "Scheduled",
  "Spam",
  "Archived",
  "Open",
  "Pending",
  "Closed",
] as const;

/** Ticket status accepted by the list filter and by PUT /tickets/{id}: adds the read/priority flags (§2.1, §3). */
export const TICKET_STATUS_WIDE = [
  ...TICKET_STATUS,
  "Unread",
  "Read",
  "Unpriority",
  "Priority",
] as const;

/** Ticket `type`, also `filter_type_equals` and template `query_type` (§2.1). */
export const TICKET_TYPE = [
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

/** List ordering shared by tickets and sales orders (§2.1, §2.3). */
export const ORDER_BY = ["id", "created_at", "last_updated_at"] as const;
export const ORDER_DIRECTION = ["asc", "desc"] as const;

/** Sales order status (§2.3); also template `order_status` (§2.6). */
export const ORDER_STATUS = [
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
export const DELIVERY_TYPE = ["Expedited", "NextDay", "SecondDay", "Standard"] as const;

/** Template enums (§2.6). `template_usage` on create is limited to the first two. */
export const TEMPLATE_USAGE = ["Manual", "ManualAuto", "Auto", "Rule", "OutOfOffice"] as const;
export const TEMPLATE_USAGE_CREATE = ["Manual", "ManualAuto"] as const;
export const TEMPLATE_TYPE = ["Consumer", "Internal", "External"] as const;
export const DELIVERY_DATE = ["Within", "Outside"] as const;
export const ORDER_FULFILMENT = ["FBA", "MerchantFulfilled"] as const;
export const AI_CLASSIFICATION = [
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

/** Tag colour palette: hex without `#` (§2.7). */
export const TAG_COLOR = [
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
export const TAG_ICON = [
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

/** Message direction on create (§2.2: the model adds `Other`). */
export const MESSAGE_DIRECTION = ["Incoming", "Outgoing"] as const;

/** Order-note attachment kinds (§2.5). */
export const ATTACHMENT_TYPE = ["Other", "Invoice"] as const;
