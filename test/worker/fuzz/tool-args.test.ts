import { beforeAll, describe, expect, it } from "vitest";
import { rpc } from "../helpers";
import { STATIC_SECRETS } from "./oracle";
import { failureMessage, runFuzz, type FuzzCase } from "./runner";
import { fuzzSeed } from "./seed";
import { FUZZ_TENANTS, fuzzAccount, fuzzServer, type FuzzServer } from "./setup";
import {
  argumentsShapeCase,
  mutationsFor,
  nestedCallCase,
  toolArgsCase,
  unknownToolCase,
  validEdgeCase,
  type ListedTool,
} from "./tool-cases";

const seed = fuzzSeed();
/**
 * Out of every ROUND cases: 1 call_tool with bad inner arguments, 1 discovery tool, 1 odd call
 * (unknown tool, arguments not an object, or a valid call with edge values); the rest visit
 * the tools' mutation slots in order.
 */
const ROUND = 20;
const PLAIN_PER_ROUND = ROUND - 3;

let all: FuzzServer;
let discovery: FuzzServer;
let tools: ListedTool[];
let metaTools: ListedTool[];

async function listTools(server: FuzzServer): Promise<ListedTool[]> {
  const res = await rpc(server.url, { id: "list", method: "tools/list" }, server.session);
  if (res.status !== 200) throw new Error(`tools/list: ${res.status}`);
  return res.body.result.tools;
}

beforeAll(async () => {
  const accountId = await fuzzAccount("tools");
  all = await fuzzServer(accountId);
  discovery = await fuzzServer(accountId, { tool_exposure: "discovery" });
  tools = await listTools(all);
  metaTools = await listTools(discovery);
});

/** Enough cases that every tool's every mutation slot is visited at least once. */
function caseCount(): number {
  const slots = Math.max(...tools.map((tool) => mutationsFor(tool).length));
  return Math.max(3_000, Math.ceil((slots * tools.length * ROUND) / PLAIN_PER_ROUND) + ROUND);
}

function generate(rng: Parameters<typeof toolArgsCase>[0], index: number): FuzzCase {
  const round = Math.floor(index / ROUND);
  const position = index % ROUND;
  const onAll = { url: all.url, session: all.session };
  const onDiscovery = { url: discovery.url, session: discovery.session };
  if (position === 0) {
    const tool = tools[round % tools.length]!;
    return nestedCallCase(rng, tool, Math.floor(round / tools.length), onDiscovery, index);
  }
  if (position === 1) {
    const tool = metaTools[round % metaTools.length]!;
    const fuzzCase = toolArgsCase(
      rng,
      tool,
      Math.floor(round / metaTools.length),
      onDiscovery,
      index,
    );
    return { ...fuzzCase, family: `discovery: ${fuzzCase.family}` };
  }
  if (position === 2) {
    const tool = tools[round % tools.length]!;
    return rng.pick([
      () => unknownToolCase(rng, onAll, index),
      () => argumentsShapeCase(rng, tool, onAll, index),
      () => validEdgeCase(rng, tool, onAll, index),
    ])();
  }
  const k = round * PLAIN_PER_ROUND + position - 3;
  return toolArgsCase(rng, tools[k % tools.length]!, Math.floor(k / tools.length), onAll, index);
}

describe("fuzzing tool arguments", () => {
  it("answers every known-invalid call with a useful isError result and sends nothing upstream", async () => {
    const report = await runFuzz(seed, {
      name: "tools",
      count: caseCount(),
      tenant: FUZZ_TENANTS.tools.tenant,
      secrets: () => [...STATIC_SECRETS, all.token, discovery.token],
      generate,
    });
    console.log(
      `fuzz tools: ${report.cases} cases in ${report.ms} ms (seed ${seed})`,
      JSON.stringify(report.families),
    );
    if (report.failures.length) throw new Error(failureMessage(seed, report));
    expect(report.failures).toEqual([]);
  }, 120_000);
});
