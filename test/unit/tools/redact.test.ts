import { describe, expect, it } from "vitest";
import { SalesOrder, Ticket } from "../../../src/catalog/models";
import { maskText } from "../../../src/engine/tools/mask";
import { redactStructured } from "../../../src/engine/tools/redact";

const ALL = new Set(["email", "phone", "address", "name"] as const);
const text = (value: string) => maskText(value, { kinds: ALL, known: new Map() });

describe("free-text masking", () => {
  it("masks emails and phone numbers by pattern", () => {
    expect(text("Mail jane.doe@example.com or call +1 555-0187.")).toBe(
      "Mail j***@example.com or call ***87.",
    );
    expect(text("My number is 07700 900123")).toBe("My number is ***23");
  });

  it("leaves order numbers, tracking codes, dates, prices and ids alone", () => {
    const kept = [
      "order 113-4471902-5528113",
      "tracking 1Z9999999999999999 and FedEx 123456789",
      "shipped 2025-04-24 15:02:41",
      "refund of 12.99 within 3-5 days",
      "ticket 701581498",
    ];
    for (const value of kept) expect(text(value)).toBe(value);
  });

  it("masks a name after a greeting or before a sign-off", () => {
    expect(text("Hi Priya, thanks for waiting. Best, Sam")).toBe(
      "Hi P***, thanks for waiting. Best, S***",
    );
    expect(text("Hi, I ordered a lamp. Hi there!")).toBe("Hi, I ordered a lamp. Hi there!");
  });
});

describe("redactStructured", () => {
  const order = {
    id: 88310,
    seller_order_id: "113-4471902-5528113",
    ship_to: {
      name: "Marcus Delgado",
      line_1: "12 Elm Street",
      city: "Austin",
      country: "US",
      postcode: "78701",
    },
  };

  it("masks declared fields only for the kinds asked", () => {
    const masked = redactStructured({ ...order }, SalesOrder, ["address"]);
    expect(masked.ship_to).toEqual({
      name: "Marcus Delgado",
      line_1: "***",
      city: "Austin",
      country: "US",
      postcode: "***",
    });
    expect(masked.seller_order_id).toBe(order.seller_order_id);
  });

  it("finds the result's own personal values again in its free text", () => {
    const ticket = { id: 1, subject: "For Marcus Delgado at 12 Elm Street", sales_order: order };
    const masked = redactStructured(ticket, Ticket, ["name", "address"]);
    expect(masked.subject).toBe("For M*** D*** at ***");
  });

  it("returns the same object when nothing is redacted", () => {
    expect(redactStructured(order, SalesOrder, [])).toBe(order);
  });
});
