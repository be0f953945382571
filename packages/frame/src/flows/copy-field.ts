import { CardframeError, type FieldName } from '@cardframe/protocol';
import { copyText } from '../format.ts';
import type { RevealedValues } from '../reveal.ts';

/**
 * Writes `field` to the clipboard; call it inside the cardholder's click.
 * With the value `held` and no `gate`, a plain write; otherwise the clipboard
 * gets a promise of the value, so the write starts within the click's user
 * activation (WebKit allows nothing later) while `gate` (a check that must
 * pass first) and `fetch` settle. A rejected gate writes nothing and fetches
 * nothing. Resolves with whether the browser took the text; rejects with the
 * fetch's own error when the fetch failed (a reveal failure, not a refused copy).
 */
/** The clipboard's promise of the text; its failure is reported through the write, never as an unhandled rejection. */
function blobOf(field: FieldName, text: Promise<string>): Promise<Blob> {
  const blob = text.then((value) => new Blob([copyText(field, value)], { type: 'text/plain' }));
  blob.catch(() => undefined);
  return blob;
}

export function copyField(field: FieldName, held: string | undefined, fetch: () => Promise<RevealedValues>, gate?: Promise<void>): Promise<boolean> {
  let fetchFailure: { error: unknown } | undefined;
  const value = (): Promise<string> =>
    held !== undefined
      ? Promise.resolve(held)
      : fetch().then(
          (values) => {
            const value = values[field];
            if (value === undefined) throw new CardframeError('ERR_MALFORMED_RESPONSE', `the issuer response has no ${field}`);
            return value;
          },
          (error: unknown) => {
            fetchFailure = { error };
            throw error;
          },
        );
  const text = gate ? gate.then(value) : value();
  let write: Promise<void>;
  try {
    write =
      held !== undefined && !gate
        ? navigator.clipboard.writeText(copyText(field, held))
        : navigator.clipboard.write([new ClipboardItem({ 'text/plain': blobOf(field, text) })]);
  } catch (error) {
    write = Promise.reject(error);
  }
  return write.then(
    () => true,
    async () => {
      await text.catch(() => undefined);
      if (fetchFailure) throw fetchFailure.error;
      return false;
    },
  );
}
