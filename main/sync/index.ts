export { SyncEngine } from './sync-engine';
