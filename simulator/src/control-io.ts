import type { SimulatorEnv } from "./env";
import { isObject } from "./validate";

/** Shared by the control API's handlers (control.ts, faults/control.ts). */

export const stubOf = (env: SimulatorEnv, tenant: string) =>
  env.TENANTS.get(env.TENANTS.idFromName(tenant));

export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}
