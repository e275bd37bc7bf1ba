import { EXPIRED_TOKEN } from "../auth";
import type { ApiRequest, ApiResponse } from "../context";
import { errorBody } from "../errors";
import { retryAfterWhenEmpty, type BucketConfig } from "../rate-limit";
import type { FaultRule } from "./rule";

/** What an injected status answers, in eDesk's error envelope (docs/edesk-api.md §3). */
const STATUS_TEXT: Record<number, [message: string, details: string]> = {
  400: ["Bad request", "The request could not be processed"],
  401: ["Unauthorized", EXPIRED_TOKEN],
  403: ["Forbidden", "This API token cannot access this resource"],
  404: ["Not found", "The requested resource was not found"],
  500: ["Internal server error", "Unexpected error"],
  502: ["Bad gateway", "The upstream server returned an invalid response"],
  503: ["Service unavailable", "The service is temporarily unavailable"],
  504: ["Gateway timeout", "The upstream server did not answer in time"],
};

/** The page a reverse proxy answers with when its upstream is in trouble, as a 200 here. */
const PROXY_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const half = (text: string) => text.slice(0, Math.floor(text.length / 2));

function statusAnswer(status: number, bucket: BucketConfig): ApiResponse {
  if (status === 429) {
    // The documented 429 body (§3) and the Retry-After the real bucket would send when empty.
    const body = errorBody(429, "Too many requests", "Out of quota");
    return { status, json: JSON.stringify(body), retryAfter: retryAfterWhenEmpty(bucket) };
  }
  const [message, details] = STATUS_TEXT[status] ?? ["Error", `HTTP ${status}`];
  return { status, json: JSON.stringify(errorBody(status, message, details)) };
}

/**
 * The body a broken answer is cut from: a read's real answer (reads change nothing), or for a
 * write, which must not be applied, its own JSON fields in the success envelope.
 */
function wholeBody(req: ApiRequest, read: () => ApiResponse): string {
  if (req.method === "GET") return read().json;
  return JSON.stringify({ data: req.body.kind === "json" ? req.body.value : {} });
}

/**
 * The answer to a request a rule faults (every kind but `delay`, which answers normally).
 * Nothing here touches the tenant's data or its rate-limit bucket. `read` computes a GET's
 * normal answer.
 */
export function faultedAnswer(
  rule: FaultRule,
  req: ApiRequest,
  bucket: BucketConfig,
  read: () => ApiResponse,
): ApiResponse {
  switch (rule.kind) {
    case "status":
      return { ...statusAnswer(rule.status!, bucket), fault: "status" };
    case "truncate":
      return { status: 200, json: half(wholeBody(req, read)), fault: "truncate" };
    case "non_json":
      return { status: 200, json: PROXY_PAGE, contentType: "text/html", fault: "non_json" };
    case "empty":
      return { status: 200, json: "", fault: "empty" };
    case "reset":
      // The whole body: half of it goes out after the headers, then it breaks (api-response.ts).
      return { status: 200, json: wholeBody(req, read), fault: "reset" };
    default:
      throw new Error(`no answer for fault kind ${rule.kind}`);
  }
}
