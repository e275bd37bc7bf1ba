// @ts-check
import { renderNewServer } from "./server-form.js";
import { renderServers } from "./servers.js";
import { renderSettings } from "./settings.js";

/**
 * The account routes: its MCP Servers tab, its Settings tab, Create MCP Server.
 * @param {HTMLElement} view
 * @param {{ name: "servers" | "settings" | "new-server", accountId: string }} route
 */
export function renderAccountRoute(view, route) {
  if (route.name === "settings") return renderSettings(view, route);
  if (route.name === "new-server") return renderNewServer(view, route);
  return renderServers(view, route);
}
