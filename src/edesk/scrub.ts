import { encodeBase64 } from "../lib/encoding/base64";

/** Shorter fragments are left alone: they could match ordinary text by chance. */
const MIN_FRAGMENT = 8;

/**
 * The forms in which a secret can show up in text: itself, and its base64 and base64url
 * encodings at each of the three byte alignments it may have inside a longer encoded value
 * (only the characters that depend on the secret alone, so a match does not depend on its
 * neighbours), with `/` also as JSON's `\/`.
 */
export function secretForms(secret: string): string[] {
  if (!secret) return [];
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set([secret]);
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const fragment = encodeBase64(padded).slice(start, end);
    if (fragment.length < MIN_FRAGMENT) continue;
    forms.add(fragment);
    forms.add(fragment.replace(/\+/g, "-").replace(/\//g, "_"));
    forms.add(fragment.replace(/\//g, "\\/"));
  }
  return [...forms];
}

/** A function that replaces every form of the secret (secretForms) with `<redacted>`. */
export function scrubber(secret: string): (text: string) => string {
  const forms = secretForms(secret);
  return (text) => forms.reduce((out, form) => out.split(form).join("<redacted>"), text);
}
