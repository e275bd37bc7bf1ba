/**
 * An OAuth error answer (RFC 6749 §5.2 shape) for what this service refuses before the library
 * sees a request: the endpoints' clients parse `error`, not the admin API's error object.
 */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}
