import type { MarginDB } from '../db/schema';
import { ENTITY_TYPES, type EntityType } from '../entities/types';
import type { Settings } from './messages';
import { readKeepPhotos, writeKeepPhotos } from '../db/photos';

export const ALWAYS_SHOW_ID = 'margin-highlighter';
const KEY = 'alwaysShowHighlights';

/** The parts of the extension API the setting needs (a fake one in tests). */
export interface ScriptingApi {
  scripting: {
    registerContentScripts(
      scripts: { id: string; matches: string[]; js: string[]; css?: string[]; runAt?: 'document_idle'; persistAcrossSessions?: boolean }[],
    ): Promise<void>;
    unregisterContentScripts(filter?: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids: string[] }): Promise<{ id: string }[]>;
  };
  permissions: {
    contains(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
}

export const ALL_SITES = ['<all_urls>'];

const PHOTOS_ALL_SITES = 'photosFromAllSites';

export async function readSettings(db: MarginDB): Promise<Settings> {
  const [row, keepPhotos, allSites] = await Promise.all([db.settings.get(KEY), readKeepPhotos(db), db.settings.get(PHOTOS_ALL_SITES)]);
  return { alwaysShowHighlights: row?.value === true, keepPhotos, photosFromAllSites: allSites?.value === true };
}

/** Give back access to all sites unless the other setting that needs it is still on. */
async function releaseAllSites(db: MarginDB, api: ScriptingApi, other: string): Promise<void> {
  if ((await db.settings.get(other))?.value === true) return;
  await api.permissions.remove({ origins: ALL_SITES }).catch(() => false);
}

/**
 * "Show my highlights whenever I revisit a page". On: the popup has already been granted
 * access to all sites (permissions.request needs the reader's click), so the highlighter
 * is registered for every page. Off: unregistered, and the permission given back.
 */
export async function applyAlwaysShow(db: MarginDB, api: ScriptingApi, on: boolean): Promise<Settings> {
  const registered = (await api.scripting.getRegisteredContentScripts({ ids: [ALWAYS_SHOW_ID] }).catch(() => [])).length > 0;
  if (on) {
    if (!(await api.permissions.contains({ origins: ALL_SITES }))) throw new Error('Margin was not given access to the pages you visit');
    if (!registered) {
      await api.scripting.registerContentScripts([{ id: ALWAYS_SHOW_ID, matches: ALL_SITES, js: ['content-scripts/highlighter.js'], runAt: 'document_idle' }]);
    }
  } else {
    if (registered) await api.scripting.unregisterContentScripts({ ids: [ALWAYS_SHOW_ID] });
    // Photos from image servers may still need the access (issue 22).
    await releaseAllSites(db, api, PHOTOS_ALL_SITES);
  }
  await db.settings.put({ key: KEY, value: on });
  return readSettings(db);
}

/**
 * Saved copies keep their photos (issue 22; on by default). Off: nothing more is kept; what
 * was kept stays until the reader deletes it (settings offers to, `deletePhotos`).
 */
export async function applyKeepPhotos(db: MarginDB, on: boolean): Promise<Settings> {
  await writeKeepPhotos(db, on);
  return readSettings(db);
}

/**
 * "Also keep photos from the sites' image servers": many sites serve photos from another
 * address that does not let the page's context read them; with access to all sites (asked
 * for in the reader's click, before this) the background reads them itself. Off: the access
 * is given back unless "show my highlights whenever I revisit a page" still needs it.
 */
export async function applyPhotosFromAllSites(db: MarginDB, api: ScriptingApi, on: boolean): Promise<Settings> {
  if (on && !(await api.permissions.contains({ origins: ALL_SITES }))) throw new Error('Margin was not given access to the pages you visit');
  await db.settings.put({ key: PHOTOS_ALL_SITES, value: on });
  if (!on) await releaseAllSites(db, api, KEY);
  return readSettings(db);
}

const HIDDEN_KINDS = 'hiddenEntityKinds';

/**
 * The entity kinds the reader does not see marked until they switch them on in the legend:
 * names (people, organisations, places) are what a reader looks for; dates, money,
 * percentages and other names would put a mark in nearly every sentence.
 */
export const DEFAULT_HIDDEN_KINDS: readonly EntityType[] = ['date', 'money', 'percent', 'misc'];

const onlyKinds = (value: unknown): EntityType[] => (Array.isArray(value) ? ENTITY_TYPES.filter((type) => value.includes(type)) : [...DEFAULT_HIDDEN_KINDS]);

/** The kinds the reader switched off in the legend (the defaults until they switch one). */
export async function readHiddenKinds(db: MarginDB): Promise<EntityType[]> {
  return onlyKinds((await db.settings.get(HIDDEN_KINDS))?.value);
}

/** Remember the kinds switched off in the legend, for every article. */
export async function writeHiddenKinds(db: MarginDB, kinds: readonly EntityType[]): Promise<EntityType[]> {
  const value = onlyKinds(kinds);
  await db.settings.put({ key: HIDDEN_KINDS, value });
  return value;
}

/** What the toolbar button opens: the popup (the default) or the side panel beside the page. */
export type ToolbarOpens = 'popup' | 'panel';
/** The reader's text size (popup and side panel). */
export const TEXT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface Preferences {
  toolbarOpens: ToolbarOpens;
  textSize: TextSize;
  /** The reader's small toolbar on the news page after a selection (issue 22, item 7); on unless switched off. */
  pageToolbar: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { toolbarOpens: 'popup', textSize: 'medium', pageToolbar: true };
const PREFERENCES = 'preferences';

/** Keep only what a preference may be; anything else falls back to its default. */
export function validPreferences(value: unknown): Preferences {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof Preferences, unknown>>;
  return {
    toolbarOpens: v.toolbarOpens === 'panel' ? 'panel' : 'popup',
    textSize: TEXT_SIZES.includes(v.textSize as TextSize) ? (v.textSize as TextSize) : DEFAULT_PREFERENCES.textSize,
    pageToolbar: v.pageToolbar !== false,
  };
}

/** The reader's preferences (pages read them directly, live; only the background writes them). */
export async function readPreferences(db: MarginDB): Promise<Preferences> {
  return validPreferences((await db.settings.get(PREFERENCES))?.value);
}

/** Change some preferences; answers all of them as stored. */
export async function writePreferences(db: MarginDB, patch: Partial<Preferences>): Promise<Preferences> {
  return db.transaction('rw', db.settings, async () => {
    const stored: unknown = (await db.settings.get(PREFERENCES))?.value;
    const next = validPreferences({ ...validPreferences(stored), ...patch });
    // Preferences of a later version (synced from a newer device) are kept as they came.
    const later = stored && typeof stored === 'object' ? Object.entries(stored).filter(([key]) => !(key in DEFAULT_PREFERENCES)) : [];
    await db.settings.put({ key: PREFERENCES, value: { ...Object.fromEntries(later), ...next } });
    return next;
  });
}
