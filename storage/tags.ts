import type { ReviewDB } from './db';
import { StorageError } from './errors';
import { nextTagColor } from './palette';
import type { NoteRecord, TagRecord } from './schema';
import { readTagName } from './validate';

/**
 * Tag operations over a ReviewDB. Each runs in one read-write transaction (or joins the caller's), and a
 * note whose tags change gets revision + 1 and a new updatedAt, so an editor holding the old revision sees a
 * conflict instead of writing the old tags back. Soft-deleted notes are changed too (a restore must not bring
 * back a tag that is gone).
 */

/** A tag with the number of notes (not in the bin) that carry it. */
export type TagWithCount = TagRecord & { count: number };

/** Returns every tag with its count over notes not in the bin, sorted by name. Throws only what Dexie throws. */
export async function listTags(db: ReviewDB): Promise<TagWithCount[]> {
  return db.transaction('r', db.tags, db.notes, async () => {
    const counts = new Map<string, number>();
    await db.notes
      .filter((n) => n.deleted === undefined)
      .each((n) => {
        for (const t of n.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      });
    const tags = await db.tags.toArray();
    return tags.map((t) => ({ ...t, count: counts.get(t.name) ?? 0 }));
  });
}

/**
 * Creates the tags of `names` that do not exist yet, each with the least-used palette colour, and returns
 * the records of all of them in the order given (names trimmed, duplicates once). Throws StorageError
 * 'invalid' for a name that is empty or too long once trimmed.
 */
export async function ensureTags(db: ReviewDB, names: readonly string[]): Promise<TagRecord[]> {
  const wanted: string[] = [];
  names.forEach((n, i) => {
    const name = readTagName(n, `names[${i}]`);
    if (!wanted.includes(name)) wanted.push(name);
  });
  if (wanted.length === 0) return [];
  return db.transaction('rw', db.tags, async () => {
    const found = await db.tags.bulkGet(wanted);
    if (found.every((t) => t !== undefined)) return found as TagRecord[];
    const all = await db.tags.toArray();
    const out: TagRecord[] = [];
    const created: TagRecord[] = [];
    wanted.forEach((name, i) => {
      let tag = found[i];
      if (!tag) {
        tag = { name, color: nextTagColor(all) };
        all.push(tag);
        created.push(tag);
      }
      out.push(tag);
    });
    await db.tags.bulkAdd(created);
    return out;
  });
}

/** Rewrites the tags of every note carrying one of `from` with `map`, bumping revisions; returns the count. */
async function rewriteNotes(
  db: ReviewDB,
  now: number,
  from: readonly string[],
  map: (tags: string[]) => string[],
): Promise<number> {
  const notes = await db.notes.where('tags').anyOf(from).distinct().toArray();
  const changed: NoteRecord[] = notes.map((n) => ({ ...n, tags: map(n.tags), revision: n.revision + 1, updatedAt: now }));
  await db.notes.bulkPut(changed);
  return changed.length;
}

const dedupe = (tags: string[]): string[] => [...new Set(tags)];

/**
 * Merges the tags `sources` into `target`: every note carrying a source carries `target` instead (once), the
 * source tags are deleted, and `target` is created (with the colour of the first existing source) when it
 * does not exist. Returns the number of notes changed. Throws StorageError 'invalid' for a bad name, and
 * 'not-found' when none of `sources` exists.
 */
export async function mergeTags(db: ReviewDB, now: number, sources: readonly string[], target: string): Promise<number> {
  const to = readTagName(target, 'target');
  const from = dedupe(sources.map((s, i) => readTagName(s, `sources[${i}]`))).filter((s) => s !== to);
  if (from.length === 0) return 0;
  return db.transaction('rw', db.tags, db.notes, async () => {
    const existing = (await db.tags.bulkGet(from)).filter((t): t is TagRecord => t !== undefined);
    if (existing.length === 0) throw new StorageError('not-found', `No tag named ${from.map((f) => `"${f}"`).join(', ')}`);
    if (!(await db.tags.get(to))) await db.tags.add({ name: to, color: existing[0]!.color });
    const fromSet = new Set(from);
    const count = await rewriteNotes(db, now, from, (tags) => dedupe(tags.map((t) => (fromSet.has(t) ? to : t))));
    await db.tags.bulkDelete(from);
    return count;
  });
}

/**
 * Renames tag `from` to `to` on every note; when `to` already exists this is a merge (see mergeTags) and `to`
 * keeps its colour, otherwise `to` takes the colour of `from`. Returns the number of notes changed (0 when
 * the names are equal). Throws StorageError 'invalid' for a bad name and 'not-found' when `from` does not exist.
 */
export async function renameTag(db: ReviewDB, now: number, from: string, to: string): Promise<number> {
  return mergeTags(db, now, [from], to);
}

/**
 * Deletes tag `name` and removes it from every note. Returns the number of notes changed (0 when the tag
 * does not exist). Throws StorageError 'invalid' for a bad name.
 */
export async function deleteTag(db: ReviewDB, now: number, name: string): Promise<number> {
  const tag = readTagName(name, 'name');
  return db.transaction('rw', db.tags, db.notes, async () => {
    const count = await rewriteNotes(db, now, [tag], (tags) => tags.filter((t) => t !== tag));
    await db.tags.delete(tag);
    return count;
  });
}
