import type { RequestBody, UploadedFile } from "./context";

/**
 * Reads the body once in the Worker: JSON normally, `multipart/form-data` for order-note
 * attachments (§1, §2.5). Files keep only their metadata.
 */
export async function readBody(request: Request): Promise<RequestBody> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body)
    return { kind: "none" };
  const type = request.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    try {
      return await readMultipart(request);
    } catch {
      return { kind: "multipart", fields: {}, files: [] };
    }
  }
  const text = await request.text();
  if (text.trim() === "") return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "invalid-json" };
  }
}

async function readMultipart(request: Request): Promise<RequestBody> {
  const form = await request.formData();
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") fields[field] = value;
    else files.push({ field, name: value.name, type: value.type, size: value.size });
  }
  return { kind: "multipart", fields, files };
}
