import { expect } from "vitest";
import { ROOMY_BUCKET } from "./global-setup";
import { DEMO_TOKEN, resetSimulator, simulatorRequests, simulatorUrl } from "./stack";

// The simulator's demo tenant seen from outside the product: its state through the eDesk API
// (with the demo token, as eDesk's own UI would show it) and its request log.

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  status: number;
}

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${simulatorUrl()}/__sim/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status}`);
}

/**
 * Reseeds the demo tenant and empties its request log. The reset also restores eDesk's default
 * 60-burst bucket, so the roomy one global-setup installs is put back.
 */
export async function freshDemoDesk() {
  await resetSimulator("demo");
  await control("PUT", "bucket", ROOMY_BUCKET);
  await clearRequestLog();
}

export async function clearRequestLog() {
  await control("DELETE", "requests?tenant=demo");
}

/** The requests that changed something (every method but GET), oldest first. */
export async function demoWrites(): Promise<LoggedRequest[]> {
  const log: LoggedRequest[] = await simulatorRequests("demo");
  return log.filter((entry) => entry.method !== "GET");
}

/** One record of the demo tenant through the eDesk API (`{data}` unwrapped). */
export async function demoGet<T = any>(path: string): Promise<T> {
  const response = await fetch(`${simulatorUrl()}/v1${path}`, {
    headers: { authorization: `Bearer ${DEMO_TOKEN}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

/** A ticket's messages, read one by one as eDesk requires (no list endpoint). */
export async function demoMessages(ticketId: number): Promise<any[]> {
  const ticket = await demoGet(`/tickets/${ticketId}`);
  return Promise.all(ticket.messages_ids.map((id: number) => demoGet(`/messages/${id}`)));
}

/**
 * eDesk's state after "where is my order?" answered `ticketId`: the ticket closed, exactly one
 * outgoing reply carrying `trackingCode`, and exactly those two writes, both accepted.
 */
export async function expectRepliedAndClosed(ticketId: number, trackingCode: string) {
  expect((await demoGet(`/tickets/${ticketId}`)).status).toBe("Closed");
  const withTracking = (await demoMessages(ticketId)).filter(
    (message) => message.direction === "Outgoing" && String(message.body).includes(trackingCode),
  );
  expect(withTracking).toHaveLength(1);
  expect(withTracking[0]).toMatchObject({ type: "Message", ticket_id: ticketId });

  const writes = await demoWrites();
  expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
    "POST /v1/messages",
    `PUT /v1/tickets/${ticketId}`,
  ]);
  expect(writes[0]!.body).toMatchObject({
    ticket_id: ticketId,
    type: "Message",
    direction: "Outgoing",
    send: true,
    body: expect.stringContaining(trackingCode),
  });
  expect(writes[1]!.body).toEqual({ status: "Closed" });
  expect(writes.every((w) => w.status < 300)).toBe(true);
}
