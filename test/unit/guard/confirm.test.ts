import { describe, expect, it } from "vitest";
import { asksByForm, needsConfirmation, verdict } from "../../../src/engine/guard/confirm";
import { confirmationPrompt, type PromptRead } from "../../../src/engine/guard/prompt";
import { toolSetFor } from "../../../src/engine/tools/toolset";

const set = toolSetFor({});
const entry = (name: string) => set.find(name)!;
const REPLY = { ticket_id: 7, type: "Message", direction: "Outgoing", send: true, body: "Hi Ana" };
const NOTE = { ticket_id: 7, type: "Note", body: "internal" };

describe("what config.confirm covers", () => {
  it("asks for nothing when off", () => {
    expect(needsConfirmation("off", entry("create_a_e_desk_message"), REPLY)).toBeUndefined();
  });

  it("asks for a reply sent to the customer under customer_visible, not for a note or a read", () => {
    const message = entry("create_a_e_desk_message");
    expect(needsConfirmation("customer_visible", message, REPLY)?.reach?.kind).toBe("send");
    expect(
      needsConfirmation("customer_visible", message, { ...REPLY, send: false }),
    ).toBeUndefined();
    expect(needsConfirmation("customer_visible", message, NOTE)).toBeUndefined();
    const update = entry("update_a_e_desk_ticket_datum_by_id");
    expect(
      needsConfirmation("customer_visible", update, { id: 7, status: "Closed" }),
    ).toBeUndefined();
  });

  it("asks for every tool that is not read-only under writes", () => {
    for (const tool of set.names) {
      const readOnly = entry(tool).tool.operation.annotations.readOnlyHint;
      const asked = needsConfirmation("writes", entry(tool), {}) !== undefined;
      expect(asked, tool).toBe(!readOnly);
    }
  });
});

describe("a person's answer", () => {
  it("goes ahead only when accepted with the box ticked", () => {
    expect(verdict({ action: "accept", content: { confirm: true } })).toBe("confirmed");
    expect(verdict({ action: "accept", content: { confirm: "true" } })).toBe("declined");
    expect(verdict({ action: "accept" })).toBe("declined");
    expect(verdict({ action: "decline" })).toBe("declined");
    expect(verdict({ action: "cancel" })).toBe("cancelled");
  });

  it("can be asked only of a client that declared form elicitation", () => {
    expect(asksByForm({ elicitation: {} })).toBe(true);
    expect(asksByForm({ elicitation: { form: {} } })).toBe(true);
    expect(asksByForm({ elicitation: { url: {} } })).toBe(false);
    expect(asksByForm({})).toBe(false);
    expect(asksByForm(undefined)).toBe(false);
  });
});

describe("the confirmation prompt", () => {
  const read: PromptRead = async (path, query) => {
    if (path === "/tickets/7")
      return { data: { id: 7, subject: "Late parcel", channel_id: 3, contact_id: 9 } };
    if (path === "/contacts" && query?.consumer_id === "9") {
      return { data: [{ id: 9, full_name: "Ana Lima", email: "ana@example.com" }] };
    }
    if (path === "/channels") return { data: [{ id: 3, name: "Amazon UK", type: "Amazon" }] };
    return undefined;
  };

  it("names the ticket, channel and recipient and shows the whole text", async () => {
    const body = "Dear Ana,\n" + "x".repeat(5_000);
    const reach = needsConfirmation(
      "customer_visible",
      entry("create_a_e_desk_message"),
      REPLY,
    )!.reach;
    const text = await confirmationPrompt(
      entry("create_a_e_desk_message"),
      { ...REPLY, body },
      reach,
      read,
    );
    expect(text).toContain("cannot be recalled");
    expect(text).toContain("Ticket: 7 “Late parcel”");
    expect(text).toContain("Channel: Amazon UK (Amazon)");
    expect(text).toContain("To: Ana Lima <ana@example.com>");
    expect(text.endsWith(body)).toBe(true);
  });

  it("masks the recipient as config.redact says, and shows what it cannot read as unknown", async () => {
    const reach = needsConfirmation(
      "customer_visible",
      entry("create_a_e_desk_message"),
      REPLY,
    )!.reach;
    const masked = await confirmationPrompt(entry("create_a_e_desk_message"), REPLY, reach, read, [
      "email",
      "name",
    ]);
    expect(masked).toContain("To: A*** L*** <a***@example.com>");
    const blind = await confirmationPrompt(
      entry("create_a_e_desk_message"),
      REPLY,
      reach,
      async () => undefined,
    );
    expect(blind).toContain("Channel: unknown");
    expect(blind).toContain("Hi Ana");
  });
});
