export { createSyncClient, type SyncClient, type SyncClientOptions } from './sync-client';
export { fullJitterDelay } from './backoff';
