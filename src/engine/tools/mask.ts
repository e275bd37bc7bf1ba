import type { PiiKind } from "../../catalog/pii";

// How each kind of personal data is masked in tool results (config.redact). Masks keep what a
// model needs to act (an email's domain, a phone's last 2 digits, an address's city and country)
// and nothing that identifies the person.

/** `jane.doe@example.com` → `j***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

/** Keeps only the last 2 digits: `+1 555-0187` → `***87`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `***${digits.slice(-2)}`;
}

/** Each word to its initial: `Marcus Delgado` → `M*** D***`. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]}***`)
    .join(" ");
}

/** A street line, state, county or postcode: nothing of it is kept. */
export const maskAddress = (): string => "***";

const MASKS: Record<PiiKind, (value: string) => string> = {
  email: maskEmail,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
};

/** The masked form of one field value of a kind; non-text values other than numbers pass. */
export function maskValue(kind: PiiKind, value: unknown): unknown {
  if (typeof value === "number") value = String(value);
  if (typeof value !== "string" || value === "") return value;
  return MASKS[kind](value);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Phone numbers in free text: an optional +country code and area code in brackets, then at least
// two groups of digits joined by a space, dot or dash. Groups are at most 6 digits and the whole
// 7 to 15 (E.164), so marketplace order numbers (113-4471902-5528113), tracking codes, prices
// and single long numbers (ticket ids) do not match; dates are excluded below.
const PHONE =
  /(?<![\w+\-.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,6}(?:[ .-]\d{2,6}){1,4}(?![\w\-:]|\.\d)/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function maskPhonesIn(text: string): string {
  return text.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, "").length;
    if (digits < 7 || digits > 15 || DATE.test(match)) return match;
    return maskPhone(match);
  });
}

// A name right after a greeting or before a sign-off ("Hi Priya,", "Best, Sam"): the usual places
// a person's name sits in a helpdesk message when no structured field names that person.
const GREETING =
  /\b(Hi|Hello|Hey|Dear|Thanks,|Thank you(?: so much)?,|Many thanks,|Kind regards,|Regards,|Best wishes,|Best,|Cheers,|Sincerely,)(\s+)([A-Z][a-z]+(?:['’-][A-Za-z]+)?(?: [A-Z][a-z]+(?:['’-][A-Za-z]+)?)?)\b/g;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What free text is masked with: the kinds asked for, and values already known to be personal. */
export interface TextMasking {
  kinds: ReadonlySet<PiiKind>;
  /** Values of this kind found in the result's own fields, e.g. a customer's name in a reply. */
  known: ReadonlyMap<string, PiiKind>;
}

/** Compiles the known values into one pattern, longest first so a full name wins over a part. */
export function knownPattern(known: ReadonlyMap<string, PiiKind>): RegExp | null {
  const values = [...known.keys()].sort((a, b) => b.length - a.length);
  if (values.length === 0) return null;
  return new RegExp(`(?<![\\w@])(?:${values.map(escape).join("|")})(?![\\w@])`, "gi");
}

/** Masks emails and phone numbers by pattern, and the known personal values, in free text. */
export function maskText(
  text: string,
  masking: TextMasking,
  known: RegExp | null = knownPattern(masking.known),
): string {
  const { kinds } = masking;
  // Emails first: a known name must not cut an address in two before the pattern sees it.
  let out = kinds.has("email") ? text.replace(EMAIL, maskEmail) : text;
  if (known) {
    out = out.replace(known, (match) => {
      const kind = masking.known.get(match) ?? findKind(masking.known, match);
      return kind ? (maskValue(kind, match) as string) : match;
    });
  }
  if (kinds.has("phone")) out = maskPhonesIn(out);
  if (kinds.has("name"))
    out = out.replace(GREETING, (_, lead, gap, name) => lead + gap + maskName(name));
  return out;
}

function findKind(known: ReadonlyMap<string, PiiKind>, match: string): PiiKind | undefined {
  const lower = match.toLowerCase();
  for (const [value, kind] of known) if (value.toLowerCase() === lower) return kind;
  return undefined;
}
