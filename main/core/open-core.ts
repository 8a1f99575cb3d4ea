/**
 * Builds the plain-Node core every entry point shares: the Electron app (main/index.ts), the
 * CLI and the browser test harness. Electron objects arrive as ports; nothing here imports electron.
 */
import path from 'node:path';
import { SettingsService } from '../settings/settings-service';
import type { Logger, SecretCipher } from './ports';
import type { ManagedPolicy } from '../settings/policy';
import { databaseFile, SEARCH_INDEX_DIR_NAME } from '../paths';
import { sampleKnowledgeBase } from '../sample-kb/sample-kb';
import { SearchService } from '../search/search-service';
import { UsageBoost } from '../../common/search/usage-boost';
import { openDatabase, type Database } from '../store/database';
import { SettingEntity } from '../store/entities';
import { KeyValueStore } from '../store/key-value-store';
import { KnowledgeStore } from '../store/knowledge-store';
import { UsageStore } from '../store/usage-store';
import { ApproverKeyStore } from '../signing/approver-key-store';

export interface CoreOptions {
  dataDir: string;
  cipher: SecretCipher;
  policy?: ManagedPolicy;
  /** Notices from before the core existed (e.g. a bad policy file) for the agent to see. */
  notices?: string[];
  now?: () => Date;
  /** Load the embedded sample KB into an empty DB (the app and harness do; the CLI does not). */
  seedSample?: boolean;
  /** Failures that must not stop the app (e.g. the search index could not be saved). */
  log: Logger;
}

export interface Core {
  db: Database;
  store: KnowledgeStore;
  usage: UsageStore;
  /** In-memory usage signal for ranking; told about each use alongside the UsageStore. */
  usageBoost: UsageBoost;
  search: SearchService;
  settings: SettingsService;
  /** This machine's approver key for signed knowledge (issue #15), sealed with the OS keychain. */
  approverKeys: ApproverKeyStore;
  notices: string[];
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const opened = await openDatabase({ file: databaseFile(options.dataDir), now });
  const { db } = opened;
  const notices = [...(options.notices ?? []), ...opened.notices];
  const store = new KnowledgeStore(db);
  const settingsStore = new KeyValueStore(db, SettingEntity);
  const settings = await SettingsService.load({
    store: settingsStore,
    cipher: options.cipher,
    policy: options.policy ?? {},
  });
  // The sample is for trying Cuecard out; an agent connected to a real server never sees it.
  if (options.seedSample && !settings.effective.serverUrl && (await store.count()) === 0) {
    await store.upsertMany(sampleKnowledgeBase());
  }
  const usage = new UsageStore(db, now);
  const usageBoost = new UsageBoost(await usage.all(), now);
  const search = await SearchService.start({
    store,
    indexDir: path.join(options.dataDir, SEARCH_INDEX_DIR_NAME),
    usage: usageBoost,
    // Other locales' changes are indexed after a sync settles, or when searched (issue #19).
    agentLocales: () => settings.effective,
    onError: (error) => options.log('could not save the search index', error),
  });
  // Every settings change (the overlay, Settings, a policy reload) may change the locale chain:
  // its held locales are indexed at once.
  const stopFollowingLocales = settings.onChange(() => search.agentLocalesChanged());
  return {
    db,
    store,
    usage,
    usageBoost,
    search,
    settings,
    approverKeys: new ApproverKeyStore(settingsStore, options.cipher, now),
    notices,
    async close() {
      stopFollowingLocales();
      await search.close();
      await db.close();
    },
  };
}
