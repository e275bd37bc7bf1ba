// @ts-check
/**
 * The admin API client. The API key lives in this tab's sessionStorage only: it is gone when
 * the tab closes, never shared with other tabs, and never written to localStorage or a cookie.
 */
const KEY_NAME = "edesk-mcp.admin.api-key";

export const session = {
  /** @returns {string | null} */
  get key() {
    return sessionStorage.getItem(KEY_NAME);
  },
  /** @param {string} key */
  signIn(key) {
    sessionStorage.setItem(KEY_NAME, key);
  },
  signOut() {
    sessionStorage.removeItem(KEY_NAME);
  },
};

/** An error answer of the API (`{"error":{"code","message","details?"}}`) or a network fault. */
export class ApiError extends Error {
  /**
   * @param {number} status 0 when the service could not be reached
   * @param {string} code
   * @param {string} message
   * @param {unknown} [details]
   */
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** @type {(error: ApiError) => void} */
let onUnauthorized = () => {};

/** Called when a signed-in request answers 401: the key was removed from API_KEYS. */
export function whenUnauthorized(/** @type {(error: ApiError) => void} */ handler) {
  onUnauthorized = handler;
}

/**
 * Calls the admin API with the session's key (or `key`, to try one before keeping it).
 * @param {"GET" | "POST" | "PATCH" | "DELETE"} method
 * @param {string} path
 * @param {{ body?: unknown, key?: string | null, signal?: AbortSignal }} [options]
 * @returns {Promise<any>} the parsed JSON body, or null for 204
 */
export async function api(method, path, options = {}) {
  const key = options.key ?? session.key;
  /** @type {Record<string, string>} */
  const headers = { accept: "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(
      0,
      "network",
      "The service could not be reached. Check the connection and try again.",
    );
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: a proxy's error page; the status line says enough.
  }
  if (response.ok) return json;
  const fault = json && typeof json === "object" ? json.error : undefined;
  const error = new ApiError(
    response.status,
    fault?.code ?? "http_error",
    fault?.message ?? `The service answered ${response.status} ${response.statusText}.`,
    fault?.details,
  );
  if (response.status === 401 && !options.key) onUnauthorized(error);
  throw error;
}

/** `/api/integrated-account/<id>…` with the id escaped. */
export const accountPath = (/** @type {string} */ id, suffix = "") =>
  `/api/integrated-account/${encodeURIComponent(id)}${suffix}`;

/** A message for any thrown value, for inline error states. @param {unknown} error */
export const messageOf = (error) =>
  error instanceof Error ? error.message : "Something went wrong. Try again.";
