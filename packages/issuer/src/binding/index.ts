// Card binding (seed 001's scope=webauthn|siwe|provisioning and PATCH /, and bound requests).
export { ASSERTION_HEADER, CardBinding } from './card-binding.ts';
export type { BindResult, BindingMode, CardBindingOptions, HeaderSource, ProvisioningCredentials, ScopeFields, WebauthnHints } from './card-binding.ts';
export { MemoryBindingStore } from './binding-store.ts';
export type { BindingStore, BindingStoreJson, BoundPasskey } from './binding-store.ts';
export { JsonFileBindingStore } from './json-file-binding-store.ts';
export { DEFAULT_CHALLENGE_GRACE_MS, MemoryChallengeStore } from './challenge-store.ts';
export type { ChallengePurpose, ChallengeRecord, ChallengeStore, ChallengeTake } from './challenge-store.ts';
export { RedisChallengeStore } from './redis-challenge-store.ts';
export type { RedisChallengeStoreOptions, RedisScriptClient } from './redis-challenge-store.ts';
export { verifyPasskeyAssertion, verifyPasskeyRegistration } from './passkey-verification.ts';
export type { RegisteredPasskey, RelyingParty } from './passkey-verification.ts';
export { parseScopes } from './scopes.ts';
export type { BindingScope } from './scopes.ts';
export { checksumAddress, formatSiweMessage, readSiweMessage, recoverSiweSigner } from './siwe-message.ts';
export type { SiweConfig } from './siwe-message.ts';
export { formatWebauthnStatement, parseWebauthnStatement } from './statement.ts';
export type { WebauthnStatement } from './statement.ts';
/** The refusal codes of the binding contract, as the frame reads them. */
export { BINDING_ISSUER_CODES } from '@cardframe/protocol';
