import { errorBody, type ErrorDetails } from "./errors";

/** JSON responses as eDesk sends them: no rate-limit headers (§3). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function errorResponse(status: number, message: string, details: ErrorDetails) {
  return jsonResponse(status, errorBody(status, message, details));
}

export const routeNotFound = (path: string) =>
  errorResponse(404, "Not found", `No route for ${path}`);
