// Seed 001's "plain authorization statement to be signed by a passkey", in the
// line format the binding contract fixes, so that the issuer can find the
// nonce (and the card) again in what the frame sends back.

/** What a webauthn statement says. */
export interface WebauthnStatement {
  readonly issuerName: string;
  readonly cardId: string;
  /** 32 lowercase hex digits. */
  readonly nonce: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

const LINE_ONE = /^(.+) asks you to authorize access to card (\S+) with your passkey\.$/;
const NONCE = /^Nonce: ([0-9a-f]{32})$/;
const ISSUED = /^Issued At: (\S+)$/;
const EXPIRES = /^Expiration Time: (\S+)$/;

/** The statement text for `GET /card?scope=webauthn`. */
export function formatWebauthnStatement(statement: WebauthnStatement): string {
  return [
    `${statement.issuerName} asks you to authorize access to card ${statement.cardId} with your passkey.`,
    `Nonce: ${statement.nonce}`,
    `Issued At: ${statement.issuedAt.toISOString()}`,
    `Expiration Time: ${statement.expiresAt.toISOString()}`,
  ].join('\n');
}

function date(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const value = new Date(text);
  return Number.isNaN(value.getTime()) ? undefined : value;
}

/** Reads a statement back; `undefined` when it is not one in this format. */
export function parseWebauthnStatement(text: unknown): WebauthnStatement | undefined {
  if (typeof text !== 'string' || text.length > 2048) return undefined;
  const lines = text.split('\n');
  if (lines.length !== 4) return undefined;
  const one = LINE_ONE.exec(lines[0] ?? '');
  const nonce = NONCE.exec(lines[1] ?? '');
  const issuedAt = date(ISSUED.exec(lines[2] ?? '')?.[1]);
  const expiresAt = date(EXPIRES.exec(lines[3] ?? '')?.[1]);
  if (!one || !nonce || !issuedAt || !expiresAt) return undefined;
  return { issuerName: one[1]!, cardId: one[2]!, nonce: nonce[1]!, issuedAt, expiresAt };
}
