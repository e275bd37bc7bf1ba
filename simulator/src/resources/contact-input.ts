import type { Store } from "../store";
import type { Contact } from "../types";
import type { Check } from "../validate";

/**
 * The inline `contact` object of ticket and sales-order creation (§2.1, §2.3, §2.8):
 * `email` required (4001) and a valid address (4021); `full_name`, `phone_number` optional.
 */
export interface ContactInput {
  email: string;
  full_name: string | null;
  phone_number: string | null;
}

export function readContactInput(v: Check): ContactInput | undefined {
  const email = v.email("email", { required: true });
  const fullName = v.string("full_name");
  const phone = v.string("phone_number");
  if (!email) return undefined;
  return { email, full_name: fullName ?? null, phone_number: phone ?? null };
}

/**
 * Contacts are created implicitly by the inline object (§2.8).
 * GUESS: an existing contact with the same email (case-insensitive) is reused, not duplicated.
 */
export function resolveContact(
  store: Store,
  input: ContactInput,
  channelId: number | null,
): Contact {
  const email = input.email.toLowerCase();
  const existing = store.c.contacts.all().find((c) => c.email.toLowerCase() === email);
  if (existing) return existing;
  return store.c.contacts.put({
    id: store.c.contacts.nextId(),
    channel_id: channelId,
    client_id: store.meta.client_id,
    full_name: input.full_name,
    phone_number: input.phone_number,
    email: input.email,
  });
}
