import type { OperationContext } from "../../../src/catalog/define";
import type { UpstreamRequest } from "../../../src/edesk/client";
import { catalogTools, type CatalogTool } from "../../../src/catalog/index";

/** The catalog tool of that name; fails the test when it does not exist. */
export function tool(name: string): CatalogTool {
  const found = catalogTools().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

/** Runs a composite tool's `run`. */
export function run(name: string, args: Record<string, unknown>, ctx: OperationContext) {
  const { run } = tool(name).operation;
  if (!run) throw new Error(`${name} is not composite`);
  return run(args, ctx);
}

/**
 * A fake eDesk behind `ctx.send`: records every request, answers with `respond`, and tracks
 * how many requests were in flight at once (each answer takes one macrotask).
 */
export function fakeEdesk(
  respond: (request: UpstreamRequest) => unknown,
  allows: (tool: string) => boolean = () => true,
) {
  const requests: UpstreamRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const ctx: OperationContext = {
    async send(request) {
      requests.push(request);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return respond(request);
      } finally {
        inFlight--;
      }
    },
    allows,
  };
  return { ctx, requests, maxInFlight: () => maxInFlight };
}

/** `METHOD /path` with ids replaced by `{}`, to compare against the docs/edesk-api.md §2 table. */
export function endpoint(method: string, path: string): string {
  return `${method} ${path.replace(/\{[^}]*\}/g, "{}").replace(/\/\d+(?=\/|$)/g, "/{}")}`;
}
