import { decodeBase64 } from "../lib/encoding/base64";
import { isRecord } from "../lib/encoding/json";

/**
 * Builds the multipart body of an `encoding: "multipart"` operation. Layout, which is what the
 * live order-note attachments endpoint accepts (docs/edesk-api.md §2.5, CONFIRMED observed; the
 * spec's JSON variant is silently dropped):
 * - a field holding a list of files `[{name, mime, content_base64}]` becomes one file part per
 *   file under `<field>[]` (so `attachments` → `attachments[]`), filename `name`, type `mime`;
 * - any other field becomes one text part named in camelCase (`attachment_type` →
 *   `attachmentType`).
 */
export function toMultipart(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.every(isFile)) {
      for (const file of value) {
        // The schema admits the standard alphabet only (resources/order-note-attachments.ts).
        const bytes = decodeBase64(file.content_base64);
        form.append(`${name}[]`, new Blob([bytes], { type: file.mime }), headerSafe(file.name));
      }
    } else {
      form.append(camelCase(name), typeof value === "string" ? value : JSON.stringify(value));
    }
  }
  return form;
}

/**
 * A file name as the HTML form-data encoding writes it in a part header: LF, CR and `"` as
 * %0A, %0D and %22. workerd escapes LF and `"` but sends CR as it is, so a name could end the
 * header line early and add headers of its own.
 */
function headerSafe(name: string): string {
  return name.replace(
    /[\r\n"]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

interface FilePart {
  name: string;
  mime: string;
  content_base64: string;
}

function isFile(value: unknown): value is FilePart {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    typeof value.mime === "string" &&
    typeof value.content_base64 === "string"
  );
}

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
