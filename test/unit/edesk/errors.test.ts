import { describe, expect, it } from "vitest";
import { errorCodeMeaning } from "../../../src/edesk/error-codes";
import {
  badResponseError,
  errorFromStatus,
  parseFieldErrors,
  timeoutError,
  unreachableError,
} from "../../../src/edesk/errors";

const info = (method: string, status: number | null) => ({ method, path: "/tickets/5", status });
const envelope = (status: number, message: string, details: unknown = "") => ({
  error: { httpCode: status, message, details },
});

describe("eDesk validation details (docs/edesk-api.md §3)", () => {
  it("reads string error codes with their documented meaning", () => {
    expect(
      parseFieldErrors({ subject: { errorCode: "4001" }, ticket_id: { errorCode: "4002" } }),
    ).toEqual([
      { field: "subject", code: "4001", meaning: "missing required field" },
      { field: "ticket_id", code: "4002", meaning: "object not found" },
    ]);
  });

  it("accepts numeric codes and arrays, and names unknown codes neutrally", () => {
    expect(parseFieldErrors({ a: [{ errorCode: 4021 }, { errorCode: "9999" }] })).toEqual([
      { field: "a", code: "4021", meaning: "must be an email address" },
      { field: "a", code: "9999", meaning: "undocumented eDesk error code" },
    ]);
  });

  it("has a meaning for every documented code 4001-4022", () => {
    for (let code = 4001; code <= 4022; code++) {
      expect(errorCodeMeaning(String(code))).not.toBe("undocumented eDesk error code");
    }
  });

  it("ignores a string details", () => {
    expect(parseFieldErrors("Out of quota")).toEqual([]);
  });
});

describe("errorFromStatus", () => {
  it("makes a 400 a validation error listing each field, code and meaning", () => {
    const error = errorFromStatus(
      info("POST", 400),
      envelope(400, "Validation failed", { name: { errorCode: "4003" } }),
    );
    expect(error.kind).toBe("validation");
    expect(error.fields).toHaveLength(1);
    expect(error.message).toContain("- name: must be unique (error 4003)");
  });

  it("makes a 400 without field details a validation error quoting eDesk", () => {
    const error = errorFromStatus(info("POST", 400), envelope(400, "Bad body"));
    expect(error.kind).toBe("validation");
    expect(error.message).toContain('eDesk said: "Bad body"');
  });

  it("makes 401 an auth error telling an operator to rotate the credentials", () => {
    const error = errorFromStatus(info("GET", 401), envelope(401, "Unauthorized"));
    expect(error.kind).toBe("auth");
    expect(error.message).toContain(
      "eDesk rejected the account's API token (expired, revoked or read-only): an operator must rotate the account's credentials",
    );
    expect(error.message).not.toContain("Full Access");
  });

  it("mentions read-only tokens on a 403 for a write", () => {
    const error = errorFromStatus(info("PUT", 403), envelope(403, "Forbidden"));
    expect(error.kind).toBe("auth");
    expect(error.message).toContain("Read-only eDesk token cannot create, update or delete");
  });

  it("makes 404 not_found, suggesting a list tool", () => {
    const error = errorFromStatus(info("GET", 404), envelope(404, "Not found"));
    expect(error.kind).toBe("not_found");
    expect(error.message).toMatch(/list tool/);
  });

  it("makes 429 rate_limited with the retry time and the no-automatic-retry rule", () => {
    const ratelimit = { limit: 60, remaining: 0, reset: 4 };
    const error = errorFromStatus(
      { ...info("POST", 429), ratelimit },
      envelope(429, "Too many requests", "Out of quota"),
    );
    expect(error.kind).toBe("rate_limited");
    expect(error.message).toContain("Retry in 4 s");
    expect(error.message).toContain("writes are never retried automatically");
    expect(error.ratelimit).toEqual(ratelimit);
  });

  it("makes 5xx upstream; on a write it warns to check before calling again", () => {
    const error = errorFromStatus(info("POST", 500), envelope(500, "Failed to parse time string"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("Failed to parse time string");
    expect(error.message).toContain("may or may not have been applied");
  });

  it("caps eDesk's own wording", () => {
    const error = errorFromStatus(info("GET", 500), envelope(500, "x".repeat(5_000)));
    expect(error.message.length).toBeLessThan(1_000);
  });

  it("reports other 4xx as a refused request", () => {
    expect(errorFromStatus(info("POST", 409), {}).kind).toBe("validation");
  });
});

describe("transport failures", () => {
  it("timeout, unreachable and bad_response each carry their kind and a next step", () => {
    expect(timeoutError(info("GET", null), 15_000).message).toContain("within 15 s");
    expect(unreachableError(info("GET", null)).kind).toBe("unreachable");
    const bad = badResponseError(info("GET", 200), "the body is not JSON");
    expect(bad.kind).toBe("bad_response");
    expect(bad.message).toContain("the body is not JSON");
  });
});
