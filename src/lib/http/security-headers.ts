/**
 * Headers of every admin page response. The page loads nothing but its own files (no inline
 * script or style, no external fonts or scripts), so `'self'` is the whole policy; the API it
 * calls is on the same origin. `frame-ancestors` and X-Frame-Options both forbid framing
 * (clickjacking of the revoke and delete buttons); `no-referrer` keeps the page's URL out of
 * other sites' logs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  // Revalidate on every load (assets carry an ETag) so a deploy shows up at once.
  "cache-control": "no-cache",
};

/** A copy of the response with the security headers set. */
export function withSecurityHeaders(response: Response): Response {
  const secured = new Response(response.body, response);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) secured.headers.set(name, value);
  return secured;
}
