import { isDateTime, isDay } from "../dates";
import type { Store } from "../store";
import type { CustomFieldDef, CustomFieldValue } from "../types";
import type { Check, FieldOptions } from "../validate";

/**
 * Custom field values `[{name, value}]` on tickets and sales orders (§2.1, §2.3). Each value is
 * a string that must fit the field's configured type, else 4018 (§2.1, §3).
 */
// GUESS: the account's field definitions are not exposed by any endpoint (§2.8); the seed
// defines a few. An unknown field name is reported as 4002 (object not found).

const BOOLEAN_TEXT = ["true", "false", "1", "0", "yes", "no"];

export function valueFits(def: CustomFieldDef, value: string): boolean {
  switch (def.kind) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(value);
    case "boolean":
      return BOOLEAN_TEXT.includes(value.toLowerCase());
    case "date":
      return isDay(value) || isDateTime(value);
    case "select":
      return (def.options ?? []).includes(value);
    default:
      return true;
  }
}

export function readCustomFields(
  v: Check,
  field: string,
  store: Store,
  opts: FieldOptions = {},
): CustomFieldValue[] | undefined {
  const items = v.items(field, opts);
  if (!items) return undefined;
  const defs = store.c.custom_fields.all();
  const values: CustomFieldValue[] = [];
  for (const item of items) {
    const name = item.string("name", { required: true });
    const value = item.string("value", { required: true });
    if (!name) continue;
    const def = defs.find((d) => d.name.toLowerCase() === name.toLowerCase());
    if (!def) {
      item.fail("name", "4002");
      continue;
    }
    if (value === undefined || value === null) continue;
    if (!valueFits(def, value)) item.fail("value", "4018");
    else values.push({ id: def.id, name: def.name, value });
  }
  return values;
}

/** Sent values replace the same field's value; fields not sent are kept ("only sent fields change"). */
export function mergeCustomFields(
  current: CustomFieldValue[],
  updates: CustomFieldValue[],
): CustomFieldValue[] {
  const merged = current.map((f) => updates.find((u) => u.id === f.id) ?? f);
  for (const u of updates) if (!merged.some((f) => f.id === u.id)) merged.push(u);
  return merged;
}
