import { classify, template } from "./template";

/** Saved replies of the demo tenant (§2.6). "International Shipping Delay" is used by examples. */
export const DEMO_TEMPLATES = [
  template(
    5501,
    "International Shipping Delay",
    "Hi there,\n\nThank you for your patience. International parcels are currently taking longer than usual because of customs checks and reduced flight capacity. Your order is on its way and tracking will update as soon as it clears customs, usually within 5-7 working days.\n\nIf it hasn't arrived in 10 working days, reply to this message and we'll send a replacement or a full refund.\n\nWarm wishes,\nThe Bloom & Clay team",
    {
      subject: "An update on your international delivery",
      query_type: ["ShippingQuery", "OrderShippingInquiry"],
      order_status: ["OrderShipped", "InTransit"],
      ai_classification: classify("WhereOrder"),
      created_at: "2025-02-11 09:30:00",
    },
  ),
  template(
    5502,
    "Order Dispatched - Tracking Details",
    "Hi there,\n\nGood news: your order has been dispatched. You can follow it with the tracking link in your order confirmation. Parcels usually arrive within 3-5 working days.\n\nThe Bloom & Clay team",
    {
      template_usage: "ManualAuto",
      query_type: ["OrderShippingInquiry"],
      ai_classification: classify("TrackingCodeRequest"),
    },
  ),
  template(
    5503,
    "Damaged Item - Request Photos",
    "Hi there,\n\nI'm so sorry your item arrived damaged. Could you reply with a photo of the item and one of the outer box? As soon as we have them we'll send a replacement or refund, whichever you prefer.\n\nThe Bloom & Clay team",
    { query_type: ["DefectiveItemReceived", "OrderClaim"], ai_classification: classify("Damaged") },
  ),
  template(
    5504,
    "Replacement Dispatched",
    "Hi there,\n\nA replacement is on its way to you today, free of charge. There's no need to return the damaged item.\n\nThe Bloom & Clay team",
    { ai_classification: classify("Replacement") },
  ),
  template(
    5505,
    "Refund Processed",
    "Hi there,\n\nWe've processed your refund to the original payment method. Please allow 3-5 working days for it to appear.\n\nThe Bloom & Clay team",
    { query_type: ["Refund", "ReturnRequest"], ai_classification: classify("RefundRequest") },
  ),
  template(
    5506,
    "Return Instructions",
    "Hi there,\n\nYou can return unused items within 30 days. We've emailed you a prepaid label; pack the item securely and drop it at any post office.\n\nThe Bloom & Clay team",
    { query_type: ["ReturnRequest", "ReturnsQuery"], ai_classification: classify("OtherReturn") },
  ),
  template(
    5507,
    "Cancellation Confirmed",
    "Hi there,\n\nYour order has been cancelled and you have not been charged.\n\nThe Bloom & Clay team",
    { query_type: ["Cancellation"], ai_classification: classify("CancellationRequest") },
  ),
  template(
    5508,
    "Out of Office - Weekend",
    "Thanks for your message! Our team is away for the weekend and will reply on Monday morning.",
    { template_usage: "OutOfOffice", active: false, created_at: "2025-04-18 17:45:00" },
  ),
  template(
    5509,
    "Internal: Escalate to Lead",
    "Escalating: customer reports a high-value issue. Please review the order, the photos and the carrier trace before replying.",
    { template_type: ["Internal"] },
  ),
  template(
    5510,
    "Product Care Guide",
    "Hi there,\n\nOur stoneware is hand-glazed, so we recommend hand washing with a soft sponge. It is microwave safe but not oven safe.\n\nThe Bloom & Clay team",
    { query_type: ["ProductQuery", "Presales"], ai_classification: classify("ProductQuery") },
  ),
  template(
    5511,
    "Invoice Attached",
    "Hi there,\n\nPlease find the VAT invoice for your order attached.\n\nThe Bloom & Clay team",
    {
      query_type: ["InvoiceRequest"],
      invoice_attached: true,
      ai_classification: classify("InvoiceRequest"),
      channels: [4411],
    },
  ),
];
