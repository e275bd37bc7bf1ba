import { describe, expect, it } from "vitest";
import { toMultipart } from "../../../src/catalog/multipart";

describe("multipart bodies (docs/edesk-api.md §2.5)", () => {
  it("keeps CR and LF in a file name out of the part headers", async () => {
    const form = toMultipart({
      attachments: [
        {
          name: 'inv\r\nX-Injected: 1\r"x.pdf',
          mime: "application/pdf",
          content_base64: btoa("%PDF"),
        },
      ],
      attachment_type: "Invoice",
    });
    const body = await new Response(form).text();
    // Every CR is part of a CRLF line break, and no header line was smuggled in.
    expect(body).not.toMatch(/\r(?!\n)/);
    expect(body).not.toMatch(/\nX-Injected/);
    expect(body).toContain('filename="inv%0D%0AX-Injected: 1%0D%22x.pdf"');
  });
});
