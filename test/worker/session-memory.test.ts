import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ServerObject } from "../../src/server-object/server-object";
import { initialize, newAccount, newServer, rpc } from "./helpers";

type Internals = {
  _streamMapping: Map<string, unknown>;
  _requestToStreamMapping: Map<unknown, string>;
};

describe("a long-lived session", () => {
  it("keeps no bookkeeping for JSON responses already sent", async () => {
    const server = await newServer(await newAccount(), { methods: ["read"] });
    const { headers, sessionId } = await initialize(server.url);
    for (let id = 1; id <= 25; id++) {
      const res = await rpc(server.url, { id, method: "ping" }, headers);
      expect(res.status).toBe(200);
    }
    const stub = env.SERVERS.get(env.SERVERS.idFromName(server.id));
    const sizes = await runInDurableObject(stub, (instance: ServerObject) => {
      const host = instance.sessions as unknown as {
        streamable: Map<string, { transport: Internals }>;
      };
      const transport = host.streamable.get(sessionId)!.transport;
      return [transport._streamMapping.size, transport._requestToStreamMapping.size];
    });
    expect(sizes).toEqual([0, 0]);
  });
});
