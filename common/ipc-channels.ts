/**
 * Channel names only, free of zod, so the sandboxed preload can import them without
 * bundling the schema library. Request/response shapes live in ipc-contract.ts.
 */
/** `<page>:<key in kebab-case>`: how every IPC channel is named, on both pages. */
type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : '';
export type PageChannels<Page extends string, Key extends string> = { readonly [K in Key]: `${Page}:${Kebab<K>}` };

/** One page's channels from its keys (e.g. `getEntry` → `cuecard:get-entry`); main and the preload both read these. */
export function pageChannels<const Page extends string, const Key extends string>(page: Page, keys: readonly Key[]): PageChannels<Page, Key> {
  const channels = Object.fromEntries(keys.map((key) => [key, `${page}:${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]));
  return Object.freeze(channels) as PageChannels<Page, Key>;
}

export const CHANNELS = pageChannels('cuecard', [
  'search',
  'getEntry',
  'copyEntry',
  'prepareTemplate',
  'renderTemplate',
  'insertReply',
  'copyReply',
  'recordUse',
  'hideOverlay',
  'openLink',
  'getSettings',
  'updateSettings',
  'getStatus',
  'resyncFromScratch',
  'openLogFolder',
  'flagEntry',
  'getUsageReport',
  'openLibrary',
  // Issue #18: the last inserted or copied reply, and the agent's report of how they edited it.
  'lastReply',
  'reportEdit',
]);
export type ChannelKey = keyof typeof CHANNELS;


/** The app:// origin pages are served from; IPC senders must match protocol and host. */
export const APP_PROTOCOL = 'app';
export const APP_HOST = 'cuecard';
export const APP_ENTRY_URL = `${APP_PROTOCOL}://${APP_HOST}/index.html`;

/** The one main → renderer event channel (payload: OverlayEvent). */
export const EVENT_CHANNEL = 'cuecard:event';
