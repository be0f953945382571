import { CardframeError } from '@cardframe/protocol';

/**
 * A response body as text, read as it streams and given up on as soon as it
 * passes `maxBytes` (or declares more in `Content-Length`), so a hostile or
 * broken server cannot make the reader buffer an endless body. `onTooLarge`
 * runs before the error is thrown, to abort the request.
 */
export async function readCappedText(response: Response, maxBytes: number, what: string, onTooLarge: () => void = () => {}): Promise<string> {
  const tooLarge = (): CardframeError => {
    onTooLarge();
    return new CardframeError('ERR_KEY_NOT_FOUND', `${what} is too large`);
  };
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof CardframeError) throw error;
    throw new CardframeError('ERR_KEY_NOT_FOUND', `${what} could not be read`);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CardframeError('ERR_KEY_NOT_FOUND', `${what} is not UTF-8`);
  }
}
