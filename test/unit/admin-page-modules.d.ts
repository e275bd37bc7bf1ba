// The admin page's browser modules are plain JS with JSDoc types (checked by
// `tsc -p src/edge/admin-ui`); this declares the one the unit tests import.
declare module "*/public/admin/js/claude-config.js" {
  export const MCP_KEY_PLACEHOLDER: string;
  export function claudeDesktopConfig(url: string, requireApiKey: boolean): string;
}
