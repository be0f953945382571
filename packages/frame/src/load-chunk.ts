import { CardframeError } from '@cardframe/protocol';

/**
 * A lazily loaded part of the frame, or `ERR_FRAME_LOAD` where its file did
 * not arrive: a dropped connection or a deploy that replaced the file is the
 * frame's own failure, not a bad message from the host, and the element
 * mounts the frame once more on it.
 */
export function loadChunk<T>(load: Promise<T>): Promise<T> {
  return load.catch(() => {
    throw new CardframeError('ERR_FRAME_LOAD', 'a file of the frame did not load');
  });
}
