/** Anything thrown with a string `code` (CardframeError, IssuerError). */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  // An error without a code is a bug in the code under test: let it fail the test.
  if (typeof code !== 'string') throw error;
  return code;
}

/** The `code` of what `action` throws, or `'returned'` when it returns. */
export function thrownCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return codeOf(error);
  }
  return 'returned';
}

/** The `code` `promise` rejects with, or `'resolved'` when it resolves. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return codeOf(error);
  }
  return 'resolved';
}
