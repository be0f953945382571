import { randomBytes } from 'node:crypto';

/** A passkey bound to a card. Binary members are base64url. */
export interface BoundPasskey {
  readonly credentialId: string;
  readonly cardId: string;
  /** The COSE public key, base64url. */
  readonly publicKey: string;
  readonly counter: number;
  readonly transports?: readonly string[];
  /** ISO 8601. */
  readonly createdAt: string;
}

/**
 * Where an issuer keeps card bindings: passkeys, the WebAuthn user handle and
 * the SIWE wallet address of each card. Beside the issuer's keys, not in a
 * cache: losing it unbinds every card.
 */
export interface BindingStore {
  passkeys(cardId: string): Promise<readonly BoundPasskey[]>;
  passkey(credentialId: string): Promise<BoundPasskey | undefined>;
  /**
   * Adds a passkey; throws if its credential id is bound already (to any
   * card), or with `first` if the card has a passkey by now (atomically: two
   * racing first registrations must not both win).
   */
  addPasskey(passkey: BoundPasskey, options?: { readonly first?: boolean }): Promise<void>;
  updateCounter(credentialId: string, counter: number): Promise<void>;
  /** The card's WebAuthn user handle (base64url, random, made on first use). */
  userHandle(cardId: string): Promise<string>;
  /** The card's bound wallet address (EIP-55), if any. */
  walletAddress(cardId: string): Promise<string | undefined>;
  setWalletAddress(cardId: string, address: string): Promise<void>;
}

/** A {@link BindingStore}'s whole content, as the JSON file holds it. */
export interface BindingStoreJson {
  passkeys: BoundPasskey[];
  userHandles: Record<string, string>;
  wallets: Record<string, string>;
}

/** The in-memory {@link BindingStore}; a subclass persists by overriding `changed()`. */
export class MemoryBindingStore implements BindingStore {
  protected readonly state: BindingStoreJson;

  constructor(initial?: BindingStoreJson) {
    this.state = initial ? structuredClone(initial) : { passkeys: [], userHandles: {}, wallets: {} };
  }

  async passkeys(cardId: string): Promise<readonly BoundPasskey[]> {
    return this.state.passkeys.filter((p) => p.cardId === cardId);
  }

  async passkey(credentialId: string): Promise<BoundPasskey | undefined> {
    return this.state.passkeys.find((p) => p.credentialId === credentialId);
  }

  async addPasskey(passkey: BoundPasskey, options: { readonly first?: boolean } = {}): Promise<void> {
    if (this.state.passkeys.some((p) => p.credentialId === passkey.credentialId)) throw new Error('credential already bound');
    if (options.first && this.state.passkeys.some((p) => p.cardId === passkey.cardId)) throw new Error('card already has a passkey');
    this.state.passkeys.push({ ...passkey });
    await this.changed();
  }

  async updateCounter(credentialId: string, counter: number): Promise<void> {
    const index = this.state.passkeys.findIndex((p) => p.credentialId === credentialId);
    const current = this.state.passkeys[index];
    if (!current) throw new Error('credential not bound');
    this.state.passkeys[index] = { ...current, counter };
    await this.changed();
  }

  async userHandle(cardId: string): Promise<string> {
    const known = this.state.userHandles[cardId];
    if (known) return known;
    const handle = randomBytes(32).toString('base64url');
    this.state.userHandles[cardId] = handle;
    await this.changed();
    return handle;
  }

  async walletAddress(cardId: string): Promise<string | undefined> {
    return this.state.wallets[cardId];
  }

  async setWalletAddress(cardId: string, address: string): Promise<void> {
    this.state.wallets[cardId] = address;
    await this.changed();
  }

  toJSON(): BindingStoreJson {
    return structuredClone(this.state);
  }

  /** Called after every change; the memory store keeps nothing elsewhere. */
  protected async changed(): Promise<void> {}
}
