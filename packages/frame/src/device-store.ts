// The frame origin's device-binding key, kept in its own IndexedDB. The
// private key is stored as a non-extractable CryptoKey (structured clone
// keeps it so); it never leaves this origin and is never posted anywhere.

const DB_NAME = 'cardframe';
const STORE = 'device';
const RECORD = 'binding';

export interface DeviceBinding {
  readonly keyPair: CryptoKeyPair;
  readonly deviceId: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
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

export async function loadDeviceBinding(): Promise<DeviceBinding | undefined> {
  const record = await run<DeviceBinding | undefined>('readonly', (store) => store.get(RECORD));
  return record && record.keyPair?.privateKey instanceof CryptoKey && typeof record.deviceId === 'string' ? record : undefined;
}

export async function saveDeviceBinding(binding: DeviceBinding): Promise<void> {
  await run('readwrite', (store) => store.put(binding, RECORD));
}

export async function clearDeviceBinding(): Promise<void> {
  await run('readwrite', (store) => store.delete(RECORD));
}
