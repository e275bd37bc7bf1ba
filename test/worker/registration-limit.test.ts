import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  addressGroup,
  MAX_REGISTRATIONS_PER_ADDRESS,
  MAX_REGISTRATIONS_PER_HOUR,
  REGISTRATION_WINDOW_MS,
  type RegistrationObject,
  registrationLimit,
} from "../../src/server/oauth/registration-limit";
import { ORIGIN } from "./helpers";
import { oauthKv, REDIRECT_URI } from "./oauth-helpers";

const CLIENT = {
  client_name: "Registration limit test",
  redirect_uris: [REDIRECT_URI],
  token_endpoint_auth_method: "none",
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
};

async function register(address: string | null, metadata: unknown = CLIENT) {
  const response = await SELF.fetch(`${ORIGIN}/oauth/register`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(address ? { "cf-connecting-ip": address } : {}),
    },
    body: JSON.stringify(metadata),
  });
  return { status: response.status, headers: response.headers, body: await response.json<any>() };
}

/** Sets the counter's clock `ms` ahead of now; every test starts a fresh hour this way. */
let offset = 0;
function moveClock(ms: number) {
  offset += ms;
  const at = offset;
  const stub = registrationLimit(env);
  return runInDurableObject(stub, (instance: RegistrationObject) => {
    instance.now = () => Date.now() + at;
  });
}

const clients = async () => (await oauthKv("client:")).length;

describe("Dynamic Client Registration is bounded per hour", () => {
  it("groups IPv6 addresses by /64 and keeps IPv4 addresses apart", () => {
    expect(addressGroup("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressGroup("203.0.113.7")).toBe("203.0.113.7");
    expect(addressGroup(null)).toBeNull();
  });

  it("per source address: past the bound 429 with Retry-After and nothing stored; failed registrations do not count", async () => {
    await moveClock(2 * REGISTRATION_WINDOW_MS);
    // Refused bodies cost the address nothing.
    for (let i = 0; i < MAX_REGISTRATIONS_PER_ADDRESS; i++) {
      const bad = await register("2001:db8:5:6::1", { ...CLIENT, redirect_uris: ["javascript:1"] });
      expect(bad.status).toBe(400);
    }
    for (let i = 0; i < MAX_REGISTRATIONS_PER_ADDRESS; i++) {
      // Any address of the same /64 counts as the same source.
      expect((await register(`2001:db8:5:6::${i + 1}`)).status).toBe(201);
    }
    const stored = await clients();
    const refused = await register("2001:db8:5:6:ffff::9");
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe("temporarily_unavailable");
    expect(refused.body.error_description).toMatch(/Too many client registrations.*\d+ seconds/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(REGISTRATION_WINDOW_MS / 1000);
    expect(await clients()).toBe(stored);

    // Another source is not held back by this one.
    expect((await register("198.51.100.20")).status).toBe(201);
    // An hour later the address may register again.
    await moveClock(REGISTRATION_WINDOW_MS + 1000);
    expect((await register("2001:db8:5:6::1")).status).toBe(201);
  });

  it(`for the whole service: at most ${MAX_REGISTRATIONS_PER_HOUR} an hour, whatever the addresses`, async () => {
    await moveClock(2 * REGISTRATION_WINDOW_MS);
    for (let i = 0; i < MAX_REGISTRATIONS_PER_HOUR; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) => register(`192.0.2.${i + j}`)),
      );
      expect(batch.map((r) => r.status)).toEqual(Array(10).fill(201));
    }
    const stored = await clients();
    const refused = await Promise.all([register("192.0.2.200"), register(null)]);
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    expect(refused[0]!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await clients()).toBe(stored);

    await moveClock(REGISTRATION_WINDOW_MS + 1000);
    expect((await register("192.0.2.200")).status).toBe(201);
  });
});
