import Dexie from 'dexie';
import { ReviewDB } from '../../../storage';

/**
 * The migration harness. `openAtVersion(name, v)` opens database `name` declaring only schema versions 1..v,
 * exactly as a browser running the release that shipped version v would. A migration test writes records in
 * version v's shape through it, closes it, reopens the same name with openReviewDB (newest version: Dexie
 * runs the upgrades after v) and checks what the records became.
 */
export async function openAtVersion(name: string, version: number): Promise<ReviewDB> {
  const db = new ReviewDB(name, version);
  await db.open();
  return db;
}

/** Writes raw records into table `table` of an open database, bypassing every type: old shapes are not today's types. */
export async function writeRaw(db: Dexie, table: string, records: object[]): Promise<void> {
  await db.table(table).bulkPut(records);
}
