import type { Env as WorkerEnv } from "../../src/lib/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
