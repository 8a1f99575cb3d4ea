export { SyncEngine, type SyncEngineDeps, type SyncResult, type SyncServerConfig } from './sync-engine';
export { describeSyncStatus } from './describe-status';
