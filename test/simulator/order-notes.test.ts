import { beforeEach, describe, expect, it } from "vitest";
import { call, codes, listAll, resetAll } from "./helpers";

beforeEach(resetAll);

async function createNote(text = "Courier confirmed redelivery for Monday.") {
  return (await call("POST", "/order-notes", { body: { sales_order_id: 509211, text } })).body.data;
}

describe("order notes (§2.5)", () => {
  it("GET /order-notes lists notes with a paginator", async () => {
    const { status, body } = await call("GET", "/order-notes", { query: { itemsPerPage: 5 } });
    expect(status).toBe(200);
    expect(body.data).toHaveLength(5);
    expect(body.data[0]).toMatchObject({
      sales_order_id: expect.any(Number),
      user: { id: expect.any(Number) },
      text: expect.any(String),
    });
    expect(body.paginator).toMatchObject({ currentPage: 1, itemsPerPage: 5 });
  });

  it("GET /order-notes/{id} returns the note about the shattered vase", async () => {
    const [noteId] = (await call("GET", "/sales-orders/11092")).body.data.order_notes_id;
    const { status, body } = await call("GET", `/order-notes/${noteId}`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id: noteId, sales_order_id: 11092 });
  });

  it("POST /order-notes creates a note by the token's user and links it to the order", async () => {
    const note = await createNote();
    expect(note).toMatchObject({ sales_order_id: 509211, user: { id: 17 }, attachments: [] });
    expect((await call("GET", "/sales-orders/509211")).body.data.order_notes_id).toContain(note.id);
    const { rows } = await listAll("/order-notes");
    expect(rows.at(-1).id).toBe(note.id);
  });

  it("POST /order-notes validates the order and text", async () => {
    expect(codes((await call("POST", "/order-notes", { body: {} })).body)).toEqual({
      sales_order_id: "4001",
      text: "4001",
    });
    expect(
      codes((await call("POST", "/order-notes", { body: { sales_order_id: 3, text: "x" } })).body),
    ).toEqual({ sales_order_id: "4002" });
  });

  it("PUT /order-notes/{id} requires text and can move the note to another order", async () => {
    const note = await createNote();
    expect(
      codes(
        (await call("PUT", `/order-notes/${note.id}`, { body: { sales_order_id: 88310 } })).body,
      ),
    ).toEqual({ text: "4001" });
    const { status, body } = await call("PUT", `/order-notes/${note.id}`, {
      body: { text: "Moved", sales_order_id: 88310 },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ text: "Moved", sales_order_id: 88310 });
    expect((await call("GET", "/sales-orders/509211")).body.data.order_notes_id).not.toContain(
      note.id,
    );
    expect((await call("GET", "/sales-orders/88310")).body.data.order_notes_id).toContain(note.id);
  });

  it("DELETE /order-notes/{id} removes the note and its link", async () => {
    const note = await createNote();
    const { status, body } = await call("DELETE", `/order-notes/${note.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, message: expect.any(String) });
    expect((await call("GET", `/order-notes/${note.id}`)).status).toBe(404);
    expect((await call("GET", "/sales-orders/509211")).body.data.order_notes_id).not.toContain(
      note.id,
    );
  });
});

describe("POST /order-notes/{id}/attachments (§2.5: multipart only)", () => {
  it("adds the files of a multipart body with their attachmentType", async () => {
    const note = await createNote();
    const form = new FormData();
    form.append(
      "attachments[]",
      new File(["%PDF-1.4"], "invoice-10912.pdf", { type: "application/pdf" }),
    );
    form.append("attachments[]", new File(["jpeg"], "parcel.jpg"));
    form.append("attachmentType", "Invoice");
    const { status, body } = await call("POST", `/order-notes/${note.id}/attachments`, {
      body: form,
    });
    expect(status).toBe(200);
    expect(body.data.id).toBe(note.id);
    expect(body.data.attachments).toEqual([
      {
        id: expect.any(Number),
        name: "invoice-10912.pdf",
        link: expect.stringMatching(/^\/crm\/view\/attachment\//),
        mime: "application/pdf",
        attachmentType: "Invoice",
      },
      {
        id: expect.any(Number),
        name: "parcel.jpg",
        link: expect.any(String),
        mime: "image/jpeg",
        attachmentType: "Invoice",
      },
    ]);
    expect((await call("GET", `/order-notes/${note.id}`)).body.data.attachments).toHaveLength(2);
  });

  it("silently ignores the documented JSON variant, like the live API", async () => {
    const note = await createNote();
    const { status, body } = await call("POST", `/order-notes/${note.id}/attachments`, {
      body: {
        files: [
          { name: "a.pdf", type: "application/pdf", base64: "JVBERi0=", attachmentType: "Invoice" },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual(note);
  });

  it("rejects an unknown attachmentType and a form without files", async () => {
    const note = await createNote();
    const typed = new FormData();
    typed.append("attachments[]", new File(["x"], "x.txt"));
    typed.append("attachmentType", "Receipt");
    expect(
      codes((await call("POST", `/order-notes/${note.id}/attachments`, { body: typed })).body),
    ).toEqual({ attachmentType: "4007" });
    const empty = new FormData();
    empty.append("attachmentType", "Other");
    expect(
      codes((await call("POST", `/order-notes/${note.id}/attachments`, { body: empty })).body),
    ).toEqual({ attachments: "4001" });
  });
});
