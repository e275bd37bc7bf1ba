import type { z } from "zod";
import { isRecord } from "../../lib/encoding/json";
import { sensitivity, type PiiKind, type Sensitivity } from "../../catalog/pii";
import { knownPattern, maskText, maskValue, type TextMasking } from "./mask";

// Masks personal data in a tool result (config.redact, docs/architecture.md "Newer contracts"). Which field
// carries which kind is declared on the operation's output model (catalog/models.ts, `pii`); free
// text and whatever no model describes get pattern masking for emails and phone numbers, plus the
// personal values the result's own fields hold (a customer's name in a reply's greeting).
// Arguments are never touched: this runs on the structured result only, before it is serialized
// into the text content, so both carry the same masked data.

type Json = Record<string, unknown>;
type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The declared sensitivity of a field and its schema without optional/nullable wrappers. */
function unwrap(schema: z.ZodType): { kind?: Sensitivity; core: z.ZodType } {
  let core = schema;
  let kind = sensitivity.get(core)?.pii;
  for (let def = defOf(core); def.innerType && /^(optional|nullable|default)$/.test(def.type); ) {
    core = def.innerType;
    kind ??= sensitivity.get(core)?.pii;
    def = defOf(core);
  }
  return { kind, core };
}

/** Visits every value with the sensitivity its schema declares; `unknown` where none says. */
function walk(
  value: unknown,
  schema: z.ZodType | undefined,
  visit: (value: unknown, kind: Sensitivity | "unknown") => unknown,
): unknown {
  if (value === null || value === undefined) return value;
  if (!schema) return deep(value, (leaf) => visit(leaf, "unknown"));
  const { kind, core } = unwrap(schema);
  if (kind === "text") return deep(value, (leaf) => visit(leaf, "text"));
  if (kind) return visit(value, kind);
  const def = defOf(core);
  if (def.type === "object" && def.shape && isRecord(value)) {
    const shape = def.shape;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, shape[key], visit)]),
    );
  }
  if (def.type === "array" && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.map((item) => walk(item, element, visit));
  }
  // Records and unknowns say nothing of their content; scalar fields carry no personal data.
  if (def.type === "record" || def.type === "unknown" || def.type === "any") {
    return deep(value, (leaf) => visit(leaf, "unknown"));
  }
  return isRecord(value) || Array.isArray(value) ? deep(value, (l) => visit(l, "unknown")) : value;
}

function deep(value: unknown, leaf: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => deep(item, leaf));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, leaf)]));
  }
  return leaf(value);
}

const NAME_WORD = /^\p{Lu}[\p{L}'’-]+$/u;

/** The personal values the result's own fields hold, to find them again in its free text. */
function knownValues(structured: Json, output: z.ZodType | undefined, kinds: Set<PiiKind>) {
  const known = new Map<string, PiiKind>();
  walk(structured, output, (value, kind) => {
    if (kind === "text" || kind === "unknown" || !kinds.has(kind)) return value;
    if (typeof value !== "string" && typeof value !== "number") return value;
    const text = String(value).trim();
    if (text.length < 3) return value;
    known.set(text, kind);
    // A first name alone ("Hi Priya") is as personal as the full name.
    if (kind === "name") {
      for (const word of text.split(/\s+/)) if (NAME_WORD.test(word)) known.set(word, "name");
    }
    return value;
  });
  return known;
}

/**
 * The structured result with the kinds in `redact` masked: declared fields by their kind, free
 * text and undescribed values by pattern. Returns the same object when nothing is redacted.
 */
export function redactStructured(
  structured: Json,
  output: z.ZodType | undefined,
  redact: readonly PiiKind[] | undefined,
): Json {
  if (!redact?.length) return structured;
  const kinds = new Set(redact);
  const masking: TextMasking = { kinds, known: knownValues(structured, output, kinds) };
  const pattern = knownPattern(masking.known);
  const masked = walk(structured, output, (value, kind) => {
    if (kind === "text" || kind === "unknown") {
      return typeof value === "string" ? maskText(value, masking, pattern) : value;
    }
    return kinds.has(kind) ? maskValue(kind, value) : value;
  });
  return masked as Json;
}
