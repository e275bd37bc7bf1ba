/**
 * Conversation text for generated tickets, by topic. Placeholders: {first} customer first name,
 * {product}, {order} marketplace order id, {carrier}, {tracking}, {agent} agent first name,
 * {company}, {date} order date.
 */

export type Topic =
  | "shipping"
  | "damage"
  | "returns"
  | "presales"
  | "cancellation"
  | "invoice"
  | "feedback"
  | "spam";

export interface TopicText {
  /** Ticket types (§2.1) this topic produces. */
  types: string[];
  /** Ticket `ai_classification` values (§2.6 enum). */
  ai: string[];
  subjects: string[];
  openings: string[];
  followUps: string[];
  replies: string[];
  notes: string[];
}

export const TOPICS: Record<Topic, TopicText> = {
  shipping: {
    types: ["OrderShippingInquiry", "ShippingQuery", "OrderQuery"],
    ai: ["WhereOrder", "TrackingCodeRequest", "WhereOrder"],
    subjects: [
      "Where is my order?",
      "Shipping update",
      "Shipping update for order {order}",
      "Order {order} not arrived",
      "Tracking hasn't moved",
      "When will my order arrive?",
      "Delivery question",
    ],
    openings: [
      "Hi, I ordered the {product} on {date} and it still hasn't arrived. Could you tell me where it is?",
      "Hello, my tracking number {tracking} hasn't updated for four days. Is my parcel lost?",
      "Hi there, can you give me an update on order {order}? I need it for a birthday this weekend.",
      "The {carrier} site says 'in transit' but it has said that for a week now. Please help.",
      "Good morning, I was expecting my order yesterday. Has it been dispatched yet?",
    ],
    followUps: [
      "Thanks. It still shows the same status today though.",
      "Any news? The parcel is still not here.",
      "Great, it just arrived. Thank you!",
      "Could you contact {carrier} for me? I can't get through to them.",
    ],
    replies: [
      "Hi {first}, thanks for getting in touch. Your order shipped with {carrier}, tracking number {tracking}. Parcels usually arrive within 3-5 working days.",
      "Hi {first}, I've checked with {carrier} and the parcel is moving again. It should reach you within two working days. Kind regards, {agent}",
      "Hi {first}, sorry for the wait. I've opened a trace with {carrier}; if nothing moves in 48 hours we'll send a replacement free of charge.",
      "Hello {first}, your order left our warehouse on time. Tracking can lag a day behind, so please allow until tomorrow evening. Best, {agent}",
    ],
    notes: [
      "Carrier trace opened, reference TR-{tracking}.",
      "Checked warehouse scan: parcel handed to {carrier} on time.",
      "If no movement by Friday, send a replacement.",
    ],
  },
  damage: {
    types: ["DefectiveItemReceived", "DefectiveItemReceived", "OrderClaim", "WrongItemReceived"],
    ai: ["Damaged", "FaultyItem", "Damaged", "WrongItem"],
    subjects: [
      "Item arrived damaged",
      "Broken on arrival",
      "Damaged {product}",
      "Problem with my order {order}",
      "Wrong item received",
    ],
    openings: [
      "Hi, my {product} arrived today but the box was crushed and the item is broken. Photos attached.",
      "Hello, unfortunately the {product} came with a large crack down one side. What can you do?",
      "The parcel arrived but it's not what I ordered. I received a different item instead of the {product}.",
      "Hi, one of the pieces in my order was chipped when I unpacked it. Can I get a replacement?",
    ],
    followUps: [
      "I've attached the photos you asked for.",
      "A replacement would be great, thank you.",
      "I'd prefer a refund please, it was meant to be a gift.",
      "Do I need to send the broken one back?",
    ],
    replies: [
      "Hi {first}, I'm so sorry your {product} arrived damaged. Could you send a photo of the item and the box so we can file a claim with {carrier}?",
      "Hi {first}, thanks for the photos. We've dispatched a replacement today; no need to return the damaged one. Best wishes, {agent}",
      "Hello {first}, apologies for the mix-up. A prepaid return label is on its way and the correct item ships today.",
      "Hi {first}, we've issued a full refund to your original payment method. It can take 3-5 days to appear.",
    ],
    notes: [
      "Photos received, damage confirmed. Claim filed with carrier.",
      "Second damage report this month for this SKU, flag packaging with the warehouse.",
      "High value order, escalate to Dana for approval.",
    ],
  },
  returns: {
    types: ["ReturnRequest", "ReturnsQuery", "Refund"],
    ai: ["OtherReturn", "RefundRequest", "DontFit"],
    subjects: [
      "Return request",
      "How do I return my order?",
      "Refund status for {order}",
      "Returning the {product}",
    ],
    openings: [
      "Hi, I'd like to return the {product}, it doesn't suit the room after all. How do I do that?",
      "Hello, I sent my return back two weeks ago. When will I get my refund?",
      "Can I exchange the {product} for a different colour?",
      "Hi, the {product} is smaller than it looked in the photos. I'd like to send it back.",
    ],
    followUps: [
      "Thanks, I've posted it today.",
      "Still no refund on my card, can you check?",
      "Perfect, thanks for sorting it out so quickly.",
    ],
    replies: [
      "Hi {first}, of course. You can return unused items within 30 days; I've emailed you a prepaid label for order {order}.",
      "Hi {first}, your return has been received and the refund was processed today. Please allow 3-5 working days.",
      "Hello {first}, happy to help with an exchange. Reply with the colour you'd like and we'll reserve it. Best, {agent}",
    ],
    notes: [
      "Return received at warehouse, item in resaleable condition.",
      "Refund issued via marketplace.",
    ],
  },
  presales: {
    types: ["Presales", "ProductQuery", "Query", "OfferQuery"],
    ai: ["ProductQuery", "ProductQuery", "GiftPurchase"],
    subjects: [
      "Question about the {product}",
      "Is this dishwasher safe?",
      "Bulk order enquiry",
      "Gift wrapping?",
      "Back in stock?",
    ],
    openings: [
      "Hi, is the {product} suitable for everyday use? And is it dishwasher safe?",
      "Hello, do you offer gift wrapping? I'd like to send the {product} as a present.",
      "Hi, we're furnishing a small café and would like 20 units of the {product}. Do you offer a trade discount?",
      "When will the {product} be back in stock?",
    ],
    followUps: ["Thanks, that's really helpful!", "Great, I'll place the order today."],
    replies: [
      "Hi {first}, thanks for your interest! The {product} is fine for everyday use; we recommend hand washing to keep the finish.",
      "Hi {first}, yes, we can gift wrap any order. Just add a note at checkout. Best, {agent}",
      "Hello {first}, we'd be glad to help with a trade order. I've passed your details to our wholesale team.",
    ],
    notes: ["Passed to wholesale team.", "Restock expected in 3 weeks."],
  },
  cancellation: {
    types: ["Cancellation", "OrderAdjustment"],
    ai: ["CancellationRequest", "OrderIssue"],
    subjects: [
      "Cancel my order",
      "Please cancel order {order}",
      "Change delivery address",
      "Order change request",
    ],
    openings: [
      "Hi, I ordered by mistake. Can you cancel order {order} please?",
      "Hello, can I change the delivery address on my order? I've just moved.",
      "Please cancel my order, I found the {product} locally.",
    ],
    followUps: ["Thank you for cancelling.", "The new address is in my account now."],
    replies: [
      "Hi {first}, your order {order} has been cancelled and you won't be charged.",
      "Hi {first}, I've updated the delivery address; the order hasn't shipped yet so it will go to the new one. Best, {agent}",
      "Hello {first}, unfortunately the order has already shipped, but you can refuse delivery and we'll refund once it's back.",
    ],
    notes: ["Cancelled in the marketplace before dispatch.", "Warehouse asked to hold the parcel."],
  },
  invoice: {
    types: ["InvoiceRequest", "PaymentsQuery"],
    ai: ["InvoiceRequest", "PaymentIssue"],
    subjects: ["Invoice request", "VAT invoice for {order}", "Charged twice?", "Payment question"],
    openings: [
      "Hello, could you send me a VAT invoice for order {order}? It's for my business.",
      "Hi, I think I was charged twice for my order. Can you check?",
    ],
    followUps: ["Received, thank you."],
    replies: [
      "Hi {first}, please find your invoice for order {order} attached.",
      "Hi {first}, I checked and there's a single charge; the second one is a pending authorisation that will drop off within a few days. Best, {agent}",
    ],
    notes: ["Invoice generated and sent."],
  },
  feedback: {
    types: ["NegativeFeedback", "FeedbackReply"],
    ai: ["UnhappyCustomer", "HappyCustomer"],
    subjects: ["Feedback on order {order}", "Disappointed with my purchase", "Lovely {product}!"],
    openings: [
      "I'm quite disappointed, the {product} looks nothing like the photos.",
      "Just wanted to say the {product} is beautiful. Thank you!",
      "Delivery took far too long and nobody answered my emails.",
    ],
    followUps: ["Thanks for the quick response, I've updated my feedback."],
    replies: [
      "Hi {first}, I'm sorry the {product} wasn't what you expected. We'd be happy to take it back or offer a partial refund.",
      "Thank you so much, {first}! Reviews like yours make our day. Best, {agent}",
    ],
    notes: ["Customer offered 15% partial refund."],
  },
  spam: {
    types: ["ContactForm", "Query"],
    ai: ["NoResponseNeeded"],
    subjects: [
      "Partnership opportunity for {company}",
      "Boost your sales by 300%",
      "SEO services",
      "Quick question about your website",
    ],
    openings: [
      "Hi team, we help online stores like {company} triple their sales with guaranteed first-page rankings. Reply for a free audit!",
      "Dear owner, I noticed some issues with your website. Can I send you a proposal?",
    ],
    followUps: [],
    replies: [],
    notes: [],
  },
};

export const AUTO_REPLY =
  "Thank you for contacting {company}. We have received your message and will reply within 24 hours.";

export const ORDER_NOTES = [
  "Customer called to confirm the delivery address.",
  "Gift message requested: 'Happy birthday, love from us all'.",
  "Packed with extra padding at customer's request.",
  "Address verified with carrier.",
  "Partial refund of shipping agreed by phone.",
  "Left with neighbour per carrier scan.",
  "Replacement shipped under the same order.",
];
