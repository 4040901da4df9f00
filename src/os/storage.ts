// Kept for the modules that import the storage reads from here; they live in src/api/storage.ts.
export { nodeStorages, storageContent, type StorageInfo } from '../api/storage.js';
