import type { ClientRegistrationCallbackResult } from "@cloudflare/workers-oauth-provider";

/**
 * Dynamic Client Registration is open to anyone (RFC 7591, as MCP clients use it), and the
 * library would store up to 1 MiB of metadata per client. These bounds keep a registration to
 * what a real client sends; the body itself is capped before it is read (routes.ts).
 */
export const MAX_REGISTRATION_BYTES = 16 * 1024;
const MAX_NAME = 200;
const MAX_REDIRECT_URIS = 10;
const MAX_URI = 2000;
const MAX_LIST = 20;

function refuse(description: string): ClientRegistrationCallbackResult {
  return { code: "invalid_client_metadata", description };
}

export function checkRegistration(
  metadata: Record<string, unknown>,
): ClientRegistrationCallbackResult | void {
  const name = metadata.client_name;
  if (typeof name === "string" && name.length > MAX_NAME) {
    return refuse(`client_name must be at most ${MAX_NAME} characters.`);
  }
  const uris = metadata.redirect_uris;
  if (Array.isArray(uris) && uris.length > MAX_REDIRECT_URIS) {
    return refuse(`At most ${MAX_REDIRECT_URIS} redirect_uris.`);
  }
  // Field names are the caller's: the answer does not repeat them.
  for (const value of Object.values(metadata)) {
    if (typeof value === "string" && value.length > MAX_URI) {
      return refuse(`Metadata values must be at most ${MAX_URI} characters.`);
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST)
        return refuse(`Metadata lists must have at most ${MAX_LIST} entries.`);
      if (value.some((item) => typeof item === "string" && item.length > MAX_URI)) {
        return refuse(`Metadata values must be at most ${MAX_URI} characters.`);
      }
    }
  }
}
