import { beforeEach, describe, expect, it } from "vitest";
import { call, codes, resetAll } from "./helpers";

beforeEach(resetAll);

const note = (extra: Record<string, unknown> = {}) =>
  call("POST", "/messages", {
    body: { ticket_id: 99421, body: "Photos checked, damage confirmed.", type: "Note", ...extra },
  });

describe("messages (§2.2)", () => {
  it("POST /messages adds an internal note at the end of the ticket", async () => {
    const before = (await call("GET", "/tickets/99421")).body.data;
    const { status, body } = await note();
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      ticket_id: 99421,
      type: "Note",
      direction: "Other",
      from_user: { id: 17 },
      from_consumer_id: null,
      errors: [],
    });
    const after = (await call("GET", "/tickets/99421")).body.data;
    expect(after.messages_ids).toEqual([...before.messages_ids, body.data.id]);
    expect(after.last_updated_at).toBe(body.data.created_at);
    expect(after.replies).toBe(before.replies);
  });

  it("POST /messages sends an outgoing reply and counts it", async () => {
    const before = (await call("GET", "/tickets/1203415")).body.data;
    const { body } = await call("POST", "/messages", {
      body: {
        ticket_id: 1203415,
        body: "Your parcel is on its way.",
        type: "Message",
        direction: "Outgoing",
        send: true,
      },
    });
    expect(body.data).toMatchObject({
      type: "Message",
      direction: "Outgoing",
      body: "Your parcel is on its way.",
    });
    const after = (await call("GET", "/tickets/1203415")).body.data;
    expect(after.replies).toBe(before.replies + 1);
    expect(after.time_left_to_reply).toBe(false);
  });

  it("POST /messages stores attachments given by URL with relative links", async () => {
    const { body } = await note({
      attachments: [{ name: "label.pdf", url: "https://files.example.com/label.pdf" }],
      created_at: "2026-04-20 10:00:00",
    });
    expect(body.data.created_at).toBe("2026-04-20 10:00:00");
    expect(body.data.attachments).toEqual([
      {
        id: expect.any(Number),
        name: "label.pdf",
        link: expect.stringMatching(/^\/crm\/view\/attachment\/\d+$/),
        mime: "application/pdf",
      },
    ]);
  });

  it("POST /messages validates required fields, ticket, type and direction", async () => {
    expect(codes((await call("POST", "/messages", { body: {} })).body)).toEqual({
      ticket_id: "4001",
      body: "4001",
      type: "4001",
    });
    const bad = await call("POST", "/messages", {
      body: {
        ticket_id: 1,
        body: "x",
        type: "Status",
        direction: "Other",
        send: "yes",
        attachments: [{ name: "a", url: "ftp://x" }],
      },
    });
    expect(bad.status).toBe(400);
    expect(codes(bad.body)).toEqual({
      ticket_id: "4002",
      type: "4007",
      direction: "4007",
      send: "4009",
      "attachments.0.url": "4011",
    });
    expect(
      codes(
        (await call("POST", "/messages", { body: { ticket_id: "abc", body: "x", type: "Note" } }))
          .body,
      ),
    ).toEqual({ ticket_id: "4005" });
  });

  it("GET /messages/{id} returns the item", async () => {
    const ticket = (await call("GET", "/tickets/1409923")).body.data;
    const { status, body } = await call("GET", `/messages/${ticket.messages_ids[1]}`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      ticket_id: 1409923,
      direction: "Outgoing",
      from_user: { id: 23 },
    });
  });

  it("PUT /messages/{id} edits a note and accepts only type Note", async () => {
    const created = (await note()).body.data;
    const { status, body } = await call("PUT", `/messages/${created.id}`, {
      body: { body: "Edited note", subject: "Internal" },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      id: created.id,
      body: "Edited note",
      subject: "Internal",
      type: "Note",
    });
    const wrongType = await call("PUT", `/messages/${created.id}`, { body: { type: "Message" } });
    expect(codes(wrongType.body)).toEqual({ type: "4007" });
  });

  it("PUT and DELETE refuse customer messages: only notes are editable", async () => {
    const ticket = (await call("GET", "/tickets/99421")).body.data;
    const customer = ticket.messages_ids[0];
    const edit = await call("PUT", `/messages/${customer}`, { body: { body: "changed" } });
    expect(edit.status).toBe(400);
    expect(codes(edit.body)).toEqual({ type: "4007" });
    expect((await call("DELETE", `/messages/${customer}`)).status).toBe(400);
    expect((await call("GET", `/messages/${customer}`)).body.data.body).toMatch(/shattered/);
  });

  it("DELETE /messages/{id} removes a note from the ticket", async () => {
    const created = (await note()).body.data;
    const { status, body } = await call("DELETE", `/messages/${created.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, message: expect.any(String) });
    expect((await call("GET", `/messages/${created.id}`)).status).toBe(404);
    expect((await call("GET", "/tickets/99421")).body.data.messages_ids).not.toContain(created.id);
  });
});
