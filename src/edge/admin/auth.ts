import type { Env } from "../../lib/env";
import { parseConfig } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { hasAdminKey } from "../../server/keys/check";

/** Every admin route but the OpenAPI document: an admin key, or 401 (an `mcp` key too). */
export async function requireAdminKey(request: Request, env: Env): Promise<void> {
  if (await hasAdminKey(request, env)) return;
  throw new AppError(
    401,
    "unauthorized",
    parseConfig(env).apiKeys.length === 0
      ? "The admin API is disabled: no API_KEYS are configured."
      : "Send a valid admin API key as 'Authorization: Bearer <API key>'.",
    { headers: { "www-authenticate": 'Bearer realm="edesk-mcp"' } },
  );
}
