import { data, deleted, jsonBody, type Ctx } from "../context";
import { TAG_COLORS, TAG_ICONS } from "../enums";
import { paginate } from "../paging";
import { copy } from "../render";
import type { Store } from "../store";
import type { Tag } from "../types";
import { Check } from "../validate";

/** Tags: list, get, create, update, delete; tag groups: list (§2.7). */

export function listTags(c: Ctx) {
  return paginate(c.store.c.tags.all(), c.query, copy);
}

export function listTagGroups(c: Ctx) {
  return paginate(c.store.c.tag_groups.all(), c.query, copy);
}

export function getTag(c: Ctx) {
  return data(copy(c.store.c.tags.require(c.id, "Tag")));
}

/**
 * Tag names are unique (4003). The live API compares against every tag including the one being
 * updated, which is why re-sending an unchanged name fails (§2.7).
 */
// GUESS: uniqueness ignores case and surrounding spaces.
const nameTaken = (store: Store, name: string) =>
  store.c.tags.all().some((t) => t.name.trim().toLowerCase() === name.trim().toLowerCase());

/** POST /tags: `name` and `tag_group_id` required; `color`, `icon`, `active` optional (§2.7). */
export function createTag(c: Ctx) {
  const { store } = c;
  const v = new Check(jsonBody(c));
  const name = v.string("name", { required: true });
  const groupId = v.ref("tag_group_id", (id) => store.c.tag_groups.has(id), { required: true });
  const color = v.enumOf("color", TAG_COLORS);
  const icon = v.enumOf("icon", TAG_ICONS);
  const active = v.bool("active");
  if (name && nameTaken(store, name)) v.fail("name", "4003");
  v.done();
  const tag: Tag = {
    id: store.c.tags.nextId(),
    name: name!,
    active: active ?? true,
    tag_group_id: groupId!,
    // GUESS: defaults for an omitted colour and icon (first palette entry, a neutral icon).
    color: color ?? "757575",
    icon: icon ?? "hashtag",
  };
  store.c.tags.put(tag);
  return data(copy(tag));
}

/** PUT /tags/{id}: partial update; an unchanged `name` is rejected with 4003 (§2.7). */
export function updateTag(c: Ctx) {
  const { store } = c;
  const tag = store.c.tags.require(c.id, "Tag");
  const v = new Check(jsonBody(c));
  const name = v.string("name");
  const groupId = v.ref("tag_group_id", (id) => store.c.tag_groups.has(id));
  const color = v.enumOf("color", TAG_COLORS);
  const icon = v.enumOf("icon", TAG_ICONS);
  const active = v.bool("active");
  if (name && nameTaken(store, name)) v.fail("name", "4003");
  v.done();
  const next: Tag = {
    ...tag,
    name: name ?? tag.name,
    tag_group_id: groupId ?? tag.tag_group_id,
    color: color ?? tag.color,
    icon: icon ?? tag.icon,
    active: active ?? tag.active,
  };
  store.c.tags.put(next);
  return data(copy(next));
}

/** DELETE /tags/{id}. GUESS: the tag also disappears from every ticket's `tags_ids`. */
export function deleteTag(c: Ctx) {
  const { store } = c;
  const tag = store.c.tags.require(c.id, "Tag");
  store.c.tags.remove(tag.id);
  for (const t of store.c.tickets.all()) {
    if (t.tags_ids.includes(tag.id)) {
      store.c.tickets.put({ ...t, tags_ids: t.tags_ids.filter((id) => id !== tag.id) });
    }
  }
  return deleted("Tag deleted");
}
