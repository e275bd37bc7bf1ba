import { isDateTime, isDay } from "./dates";
import { validationError, type FieldErrors } from "./errors";

/**
 * Request-body validation with eDesk's error codes (docs/edesk-api.md §3): 4001 missing required,
 * 4002 referenced object not found, 4005 numeric, 4006 array, 4007 enum, 4008 string,
 * 4009 boolean, 4010 date, 4020 too many characters, 4021 email. Errors are collected per
 * field (first error wins) and thrown together as one 400 by `done()`.
 * Nested fields are reported as dotted paths, e.g. `contact.email`, `order_items.0.sku`.
 */
// GUESS: the key format for nested fields is undocumented; dotted paths are the simplest reading.

export type Body = Record<string, unknown>;

export interface FieldOptions {
  required?: boolean;
  /** Accept an explicit JSON `null` and return it (e.g. to unassign an owner). */
  nullable?: boolean;
}

export const isObject = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class Check {
  constructor(
    private readonly body: Body,
    readonly errors: FieldErrors = {},
    private readonly prefix = "",
  ) {}

  /** Records an error code for `field` unless the field already has one. Returns undefined. */
  fail(field: string, code: string): undefined {
    const key = this.prefix + field;
    this.errors[key] ??= { errorCode: code };
    return undefined;
  }

  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  raw(field: string): unknown {
    return this.body[field];
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Throws the collected errors as one 400 validation error. */
  done(): void {
    if (!this.ok) throw validationError(this.errors);
  }

  /**
   * Common presence handling: returns the value to check, `null` for an accepted null, or
   * `undefined` when absent (after recording 4001 if the field is required).
   */
  private present(field: string, opts: FieldOptions): unknown {
    const value = this.body[field];
    const empty = value === undefined || value === null || value === "";
    if (value === null && opts.nullable && !opts.required) return null;
    if (empty) return opts.required ? this.fail(field, "4001") : undefined;
    return value;
  }

  string(field: string, opts: FieldOptions & { max?: number } = {}): string | null | undefined {
    const value = this.present(field, opts);
    if (value === undefined || value === null) return value;
    if (typeof value !== "string") return this.fail(field, "4008");
    if (opts.max !== undefined && value.length > opts.max) return this.fail(field, "4020");
    return value;
  }

  /** A number; numeric strings are accepted like a PHP `is_numeric` check would. */
  number(field: string, opts: FieldOptions = {}): number | null | undefined {
    const value = this.present(field, opts);
    if (value === undefined || value === null) return value;
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isFinite(n)) return this.fail(field, "4005");
    return n;
  }

  int(field: string, opts: FieldOptions = {}): number | null | undefined {
    const n = this.number(field, opts);
    if (n === undefined || n === null) return n;
    return Number.isInteger(n) ? n : this.fail(field, "4005");
  }

  /** An integer id that must name an existing object (4002 otherwise). */
  ref(field: string, exists: (id: number) => boolean, opts: FieldOptions = {}) {
    const id = this.int(field, opts);
    if (id === undefined || id === null) return id;
    return exists(id) ? id : this.fail(field, "4002");
  }

  bool(field: string, opts: FieldOptions = {}): boolean | undefined {
    const value = this.present(field, opts);
    if (value === undefined || value === null) return undefined;
    // §3: the live API itself emits booleans as 0/1 at times, so 0/1 are accepted too.
    if (value === true || value === 1) return true;
    if (value === false || value === 0) return false;
    return this.fail(field, "4009");
  }

  enumOf<T extends string>(field: string, values: readonly T[], opts: FieldOptions = {}) {
    const value = this.present(field, opts);
    if (value === undefined || value === null) return value as null | undefined;
    if (typeof value !== "string") return this.fail(field, "4008");
    return (values as readonly string[]).includes(value) ? (value as T) : this.fail(field, "4007");
  }

  /** A `YYYY-MM-DD HH:MM:SS` datetime (§3); `allowDay` also accepts `YYYY-MM-DD`. */
  datetime(field: string, opts: FieldOptions & { allowDay?: boolean } = {}) {
    const value = this.string(field, opts);
    if (value === undefined || value === null) return value;
    if (isDateTime(value) || (opts.allowDay && isDay(value))) return value;
    return this.fail(field, "4010");
  }

  email(field: string, opts: FieldOptions = {}): string | undefined {
    const value = this.string(field, opts);
    if (value === undefined || value === null) return undefined;
    return EMAIL.test(value) ? value : this.fail(field, "4021");
  }

  array(field: string, opts: FieldOptions = {}): unknown[] | null | undefined {
    const value = this.present(field, { ...opts, required: false });
    if (value === undefined && opts.required) return this.fail(field, "4001");
    if (value === undefined || value === null) return value;
    return Array.isArray(value) ? value : this.fail(field, "4006");
  }

  /** An array of integers (4005 per bad element). */
  intArray(field: string, opts: FieldOptions = {}): number[] | undefined {
    const list = this.array(field, opts);
    if (!list) return undefined;
    const sub = new Check(
      Object.fromEntries(list.map((v, i) => [String(i), v])),
      this.errors,
      `${this.prefix}${field}.`,
    );
    const ids = list.map((_, i) => sub.int(String(i), { required: true }));
    return ids.every((id): id is number => typeof id === "number") ? ids : undefined;
  }

  /** An array of ids that must all exist (4002 on the first missing one). */
  refArray(field: string, exists: (id: number) => boolean, opts: FieldOptions = {}) {
    const ids = this.intArray(field, opts);
    if (!ids) return undefined;
    const missing = ids.findIndex((id) => !exists(id));
    return missing === -1 ? ids : this.fail(`${field}.${missing}`, "4002");
  }

  /** An array of enum values (4007 on the first bad one). */
  enumArray<T extends string>(field: string, values: readonly T[], opts: FieldOptions = {}) {
    const list = this.array(field, opts);
    if (list === undefined || list === null) return list as null | undefined;
    const bad = list.findIndex((v) => typeof v !== "string" || !values.includes(v as T));
    return bad === -1 ? (list as T[]) : this.fail(`${field}.${bad}`, "4007");
  }

  /** A nested object as a sub-check (PHP validators call a non-object "not an array": 4006). */
  object(field: string, opts: FieldOptions = {}): Check | undefined {
    const value = this.present(field, opts);
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.fail(field, "4006");
    return new Check(value, this.errors, `${this.prefix}${field}.`);
  }

  /** An array of objects, one sub-check per element (non-objects give 4006 at `field.i`). */
  items(field: string, opts: FieldOptions = {}): Check[] | undefined {
    const list = this.array(field, opts);
    if (!list) return undefined;
    return list.map((item, i) => {
      if (!isObject(item)) this.fail(`${field}.${i}`, "4006");
      return new Check(isObject(item) ? item : {}, this.errors, `${this.prefix}${field}.${i}.`);
    });
  }
}
