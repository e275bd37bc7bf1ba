/** MIME type from a file name, for attachment records (`mime`, §2.2, §2.5). */
const TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

export function mimeOf(name: string): string {
  const ext = name.split(".").pop()?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}

/** Attachment links are relative, like `/crm/view/attachment/…` (§2.2). */
export const attachmentLink = (id: number) => `/crm/view/attachment/${id}`;

/** Http(s) URL check for attachment `url` fields (4011 "valid file url", §3). */
export function isFileUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** The file name at the end of a URL path, for attachments given by URL. */
export function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "") || "attachment";
  } catch {
    return "attachment";
  }
}
