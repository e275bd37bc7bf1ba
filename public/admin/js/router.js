// @ts-check
/**
 * Hash routes: the page is one document at /admin, so deep links and the Back button work
 * without the worker knowing any client route.
 * @typedef {{ name: "accounts" } | { name: "keys" } | { name: "servers" | "settings" | "new-server", accountId: string }
 *   | { name: "audit", accountId: string, serverId: string }} Route
 */

/** @param {string} hash @returns {Route} */
export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [root, accountId, section, serverId, leaf] = parts;
  if (root === "keys" && parts.length === 1) return { name: "keys" };
  if (root !== "accounts" || !accountId) return { name: "accounts" };
  if (section === "settings" && parts.length === 3) return { name: "settings", accountId };
  if (section === "servers" && serverId === "new" && parts.length === 4) {
    return { name: "new-server", accountId };
  }
  if (section === "servers" && serverId && leaf === "audit" && parts.length === 5) {
    return { name: "audit", accountId, serverId };
  }
  return { name: "servers", accountId };
}

const seg = encodeURIComponent;

/** Links for each route. */
export const href = {
  accounts: () => "#/",
  keys: () => "#/keys",
  servers: (/** @type {string} */ accountId) => `#/accounts/${seg(accountId)}`,
  settings: (/** @type {string} */ accountId) => `#/accounts/${seg(accountId)}/settings`,
  newServer: (/** @type {string} */ accountId) => `#/accounts/${seg(accountId)}/servers/new`,
  audit: (/** @type {string} */ accountId, /** @type {string} */ serverId) =>
    `#/accounts/${seg(accountId)}/servers/${seg(serverId)}/audit`,
};
