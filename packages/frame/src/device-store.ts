// The frame origin's device-binding key. It is kept in the frame origin's
// IndexedDB as a non-extractable CryptoKey (structured clone keeps it so);
// it never leaves this origin and is never posted anywhere.
//
// Browsers that block third-party storage (Chromium with third-party cookies
// blocked, Safari, private windows) deny the frame IndexedDB. Then the key
// lives in memory for this page's lifetime only, and the next page load
// binds a new device: slower for the cardholder, never less safe.

const DB_NAME = 'cardframe';
// Storage that is denied should fail fast, but a request that never settles
// must not stall a PIN change either: past this, memory it is.
const STORAGE_TIMEOUT_MS = 2_000;
const STORE = 'device';
const RECORD = 'binding';

export interface DeviceBinding {
  readonly keyPair: CryptoKeyPair;
  readonly deviceId: string;
}

let inMemory: DeviceBinding | undefined;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return Promise.race([
    transact<T>(mode, action),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('IndexedDB did not answer')), STORAGE_TIMEOUT_MS)),
  ]);
}

function isBinding(record: unknown): record is DeviceBinding {
  const r = record as Partial<DeviceBinding> | undefined;
  return r?.keyPair?.privateKey instanceof CryptoKey && typeof r.deviceId === 'string';
}

/** The stored binding, from IndexedDB or, where that is denied, from memory. */
export async function loadDeviceBinding(): Promise<DeviceBinding | undefined> {
  try {
    const record = await run<unknown>('readonly', (store) => store.get(RECORD));
    return isBinding(record) ? record : inMemory;
  } catch {
    return inMemory;
  }
}

/** Keeps the binding; resolves true when it persisted, false when it lives in memory only. */
export async function saveDeviceBinding(binding: DeviceBinding): Promise<boolean> {
  inMemory = binding;
  try {
    await run('readwrite', (store) => store.put(binding, RECORD));
    return true;
  } catch {
    return false;
  }
}

export async function clearDeviceBinding(): Promise<void> {
  inMemory = undefined;
  try {
    await run('readwrite', (store) => store.delete(RECORD));
  } catch {
    // Nothing persisted where storage is denied.
  }
}
