import { describe, expect, it } from "vitest";
import {
  cimdClientIdAllowed,
  clientIdsOfTokenRequest,
} from "../../../src/edge/oauth/client-id-policy";

describe("where a client ID metadata document may live", () => {
  it("admits public https names, and ids that are not CIMD URLs at all", () => {
    for (const id of [
      "https://claude.ai/oauth/mcp-oauth-client-metadata",
      "https://client.example.com/meta.json",
      "AbCdEf0123456789", // a registered client's id
      "http://127.0.0.1/x", // not https: the library never fetches it
    ]) {
      expect(cimdClientIdAllowed(id, false), id).toBe(true);
    }
  });

  it("refuses loopback, private, link-local, IP and internal hosts in production mode", () => {
    for (const id of [
      "https://localhost/client.json",
      "https://LOCALHOST./client.json",
      "https://app.localhost/client.json",
      "https://127.0.0.1/client.json",
      "https://127.1/client.json",
      "https://2130706433/client.json",
      "https://0x7f000001/client.json",
      "https://[::1]/client.json",
      "https://[::ffff:10.0.0.1]/client.json",
      "https://[fd00::1]/client.json",
      "https://10.0.0.1/client.json",
      "https://172.16.5.4/client.json",
      "https://192.168.1.1/client.json",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/client.json",
      "https://8.8.8.8/client.json",
      "https://intranet/client.json",
      "https://printer.local/client.json",
      "https://metadata.google.internal/computeMetadata",
      "https://router.home.arpa/client.json",
      "https://%6c%6fcalhost/client.json",
    ]) {
      expect(cimdClientIdAllowed(id, false), id).toBe(false);
    }
  });

  it("admits loopback hosts only in development mode, and private ones never", () => {
    for (const id of [
      "https://localhost:9443/c.json",
      "https://127.0.0.1:9443/c.json",
      "https://[::1]/c.json",
    ]) {
      expect(cimdClientIdAllowed(id, true), id).toBe(true);
    }
    for (const id of [
      "https://10.0.0.1/c.json",
      "https://169.254.169.254/c",
      "https://intranet/c",
    ]) {
      expect(cimdClientIdAllowed(id, true), id).toBe(false);
    }
  });

  it("finds the client id in client_id, HTTP Basic and a client assertion's iss", () => {
    const payload = btoa(JSON.stringify({ iss: "https://10.0.0.1/c.json" })).replace(/=+$/, "");
    const form = new URLSearchParams({ client_id: "a", client_assertion: `h.${payload}.s` });
    const request = new Request("https://x/oauth/token", {
      method: "POST",
      headers: { authorization: `Basic ${btoa("https%3A%2F%2Flocalhost%2Fc:secret")}` },
    });
    expect(clientIdsOfTokenRequest(request, form)).toEqual([
      "a",
      "https://localhost/c",
      "https://10.0.0.1/c.json",
    ]);
    const garbled = new Request("https://x/", { headers: { authorization: "Basic %%%" } });
    expect(
      clientIdsOfTokenRequest(garbled, new URLSearchParams({ client_assertion: "a.!!.b" })),
    ).toEqual([]);
  });
});
