import { data, type Ctx } from "../context";
import { paginate } from "../paging";
import { copy } from "../render";
import type { Contact } from "../types";
import { Check } from "../validate";

/** Contacts, channels, users and whoami (§1, §2.8): read-only lists plus the identity check. */

const lower = (value: string | null) => (value ?? "").toLowerCase();
const digits = (value: string | null) => (value ?? "").replace(/\D/g, "");

/**
 * GET /contacts filters (§2.8): `fsf_query` (full text), `consumer_id`, `email`, `name`,
 * `phone_number`.
 * GUESS: matching rules are undocumented. `fsf_query` and `name` match case-insensitive
 * substrings, `email` the whole address (ignoring case), `phone_number` the digits in order.
 */
export function listContacts(c: Ctx) {
  const q = new Check(c.query);
  const consumerId = q.int("consumer_id");
  const text = q.string("fsf_query");
  const email = q.string("email");
  const name = q.string("name");
  const phone = q.string("phone_number");
  q.done();
  const matches = (contact: Contact) => {
    if (consumerId != null && contact.id !== consumerId) return false;
    if (email && lower(contact.email) !== email.toLowerCase()) return false;
    if (name && !lower(contact.full_name).includes(name.toLowerCase())) return false;
    if (phone && (!digits(phone) || !digits(contact.phone_number).includes(digits(phone)))) {
      return false;
    }
    if (text) {
      const needle = text.toLowerCase();
      const haystack = [contact.full_name, contact.email, contact.phone_number].map(lower);
      if (!haystack.some((field) => field.includes(needle))) return false;
    }
    return true;
  };
  return paginate(c.store.c.contacts.all().filter(matches), c.query, copy);
}

export function listChannels(c: Ctx) {
  return paginate(c.store.c.channels.all(), c.query, copy);
}

export function listUsers(c: Ctx) {
  return paginate(c.store.c.users.all(), c.query, copy);
}

/** GET /whoami → `{data: {user}}` (§1). */
// GUESS: every token of an account acts as the account's owner user.
export function whoami(c: Ctx) {
  return data({ user: copy(c.store.whoami()) });
}
