import { expect } from '@open-wc/testing';
import { generateDeviceKeyPair, signDeviceMessage, verifyDeviceMessage } from '@cardframe/crypto';
import { clearDeviceBinding, loadDeviceBinding, saveDeviceBinding } from '../../src/device-store.ts';

describe('device binding store', () => {
  afterEach(() => clearDeviceBinding());

  it('persists a non-extractable key pair in IndexedDB and signs with it after reloading it', async () => {
    const keyPair = await generateDeviceKeyPair();
    expect(await saveDeviceBinding({ keyPair, deviceId: 'dev-1' })).to.equal(true);

    // Read it back straight from IndexedDB, not from the in-memory copy.
    const stored = await new Promise<{ keyPair: CryptoKeyPair; deviceId: string }>((resolve, reject) => {
      const open = indexedDB.open('cardframe', 1);
      open.onsuccess = () => {
        const get = open.result.transaction('device').objectStore('device').get('binding');
        get.onsuccess = () => {
          open.result.close();
          resolve(get.result);
        };
        get.onerror = () => reject(get.error);
      };
    });
    expect(stored.deviceId).to.equal('dev-1');
    expect(stored.keyPair.privateKey.extractable).to.equal(false);
    const signature = await signDeviceMessage(stored.keyPair.privateKey, 'encrypted-pin');
    expect(await verifyDeviceMessage(keyPair.publicKey, 'encrypted-pin', signature)).to.equal(true);
    expect((await loadDeviceBinding())?.deviceId).to.equal('dev-1');
  });

  it('forgets the binding when cleared', async () => {
    await saveDeviceBinding({ keyPair: await generateDeviceKeyPair(), deviceId: 'dev-2' });
    await clearDeviceBinding();
    expect(await loadDeviceBinding()).to.equal(undefined);
  });
});
