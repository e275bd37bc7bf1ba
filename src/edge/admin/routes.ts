import { Router, type IRequest } from "itty-router";
import { parseConfig, type Env } from "../../lib/env";
import { jsonResponse } from "../../lib/http/errors";
import { readJson } from "../../lib/http/read-json";
import { previewTools } from "../../engine/tools/toolset";
import {
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  patchAccount,
  toAccountView,
} from "./accounts";
import { requireAdminKey } from "./auth";
import { createKeySchema } from "../../server/keys/schemas";
import { createKey, deleteKey, listKeys } from "../../server/keys/store";
import { openApiDocument } from "./openapi";
import {
  createAccountSchema,
  createServerSchema,
  patchAccountSchema,
  patchServerSchema,
} from "./schemas";
import {
  createServer,
  deleteServer,
  getServer,
  listServers,
  patchServer,
  serverAudit,
  serverUsage,
} from "./servers";
import { accountStub } from "./stubs";
import { checkToolConfig, configFromQuery } from "./tool-config";

type Args = [Env];
const ACCOUNT = "/api/integrated-account/:id";
const SERVER = `${ACCOUNT}/mcp/:mcpId`;

const json = (body: unknown, status = 200) => jsonResponse(body, { status });
const noContent = () => new Response(null, { status: 204 });
/**
 * A path parameter, decoded. A malformed escape (`%zz`, `%E0%A4%A`) cannot be any id, so it
 * decodes to "", which every id check refuses with 404 (decodeURIComponent would throw: 500).
 */
function param(req: IRequest, name: string): string {
  try {
    return decodeURIComponent(req.params[name] ?? "");
  } catch {
    return "";
  }
}

/** The admin REST API of docs/architecture.md §1. Every route but the OpenAPI document needs an API key. */
export const adminRouter = Router<IRequest, Args>({ base: "/api" })
  .get("/openapi.json", () => json(openApiDocument()))
  .all("*", async (req, env) => {
    await requireAdminKey(req, env);
  })
  .post("/integrated-account", async (req, env) => {
    const body = await readJson(req, createAccountSchema);
    return json(await createAccount(env, parseConfig(env), body), 201);
  })
  .get("/integrated-account", (req, env) => listAccounts(env, new URL(req.url)).then(json))
  .get(ACCOUNT.slice(4), async (req, env) =>
    json(toAccountView(await getAccount(env, param(req, "id")))),
  )
  .patch(ACCOUNT.slice(4), async (req, env) => {
    const body = await readJson(req, patchAccountSchema);
    return json(await patchAccount(env, parseConfig(env), param(req, "id"), body));
  })
  .delete(ACCOUNT.slice(4), async (req, env) => {
    await deleteAccount(env, param(req, "id"));
    return noContent();
  })
  .get(`${ACCOUNT.slice(4)}/tools`, async (req, env) => {
    await getAccount(env, param(req, "id"));
    const config = configFromQuery(new URL(req.url));
    checkToolConfig(config);
    return json({ result: previewTools(config) });
  })
  .post(`${ACCOUNT.slice(4)}/mcp`, async (req, env) => {
    const body = await readJson(req, createServerSchema);
    const origin = new URL(req.url).origin;
    return json(await createServer(env, parseConfig(env), origin, param(req, "id"), body), 201);
  })
  .get(`${ACCOUNT.slice(4)}/mcp`, async (req, env) =>
    json({ result: await listServers(env, param(req, "id")) }),
  )
  .get(SERVER.slice(4), async (req, env) =>
    json(await getServer(env, param(req, "id"), param(req, "mcpId"))),
  )
  .patch(SERVER.slice(4), async (req, env) => {
    const body = await readJson(req, patchServerSchema);
    return json(await patchServer(env, param(req, "id"), param(req, "mcpId"), body));
  })
  .delete(SERVER.slice(4), async (req, env) => {
    await deleteServer(env, param(req, "id"), param(req, "mcpId"));
    return noContent();
  })
  .get(`${SERVER.slice(4)}/audit`, async (req, env) =>
    json(await serverAudit(env, param(req, "id"), param(req, "mcpId"), new URL(req.url))),
  )
  .get(`${SERVER.slice(4)}/usage`, async (req, env) =>
    json(await serverUsage(env, param(req, "id"), param(req, "mcpId"))),
  )
  .post("/keys", async (req, env) => {
    const body = await readJson(req, createKeySchema);
    const exists = async (id: string) => (await accountStub(env, id).get()) !== null;
    return json(await createKey(env, body, exists), 201);
  })
  .get("/keys", async (_req, env) => json({ result: await listKeys(env) }))
  .delete("/keys/:id", async (req, env) => {
    await deleteKey(env, param(req, "id"));
    return noContent();
  });
