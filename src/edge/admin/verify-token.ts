import { createEdeskClient } from "../../edesk/client";
import { EdeskError } from "../../edesk/errors";
import { AppError } from "../../lib/http/errors";

/** Checks an eDesk API token with `GET /whoami` (docs/edesk-api.md §1) before it is stored. */
export async function verifyEdeskToken(baseUrl: string, apiToken: string): Promise<void> {
  const client = createEdeskClient({ baseUrl, apiToken, timeoutMs: 10_000 });
  try {
    await client.request({ method: "GET", path: "/whoami" });
  } catch (error) {
    if (!(error instanceof EdeskError)) throw error;
    if (error.kind === "auth" || error.kind === "validation" || error.kind === "not_found") {
      throw new AppError(
        400,
        "invalid_request",
        `eDesk rejected the API token (GET /whoami answered ${error.status}). ` +
          "Check that it was copied whole and has not expired or been revoked.",
        { details: [{ field: "credentials.api_token", message: "rejected by eDesk" }] },
      );
    }
    throw new AppError(
      502,
      "upstream_unavailable",
      `eDesk could not verify the API token right now (${error.kind}); try again shortly.`,
    );
  }
}
