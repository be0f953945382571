import { CardframeError, type FieldName } from '@cardframe/protocol';
import type { HostChannel } from '../host-channel.ts';
import type { RevealResult } from '../reveal.ts';
import type { CopyView } from '../views/copy-view.ts';
import { copyField } from './copy-field.ts';
import { canTrackVisibility, frameVisibility, type Visibility } from './frame-visibility.ts';

/** What a copy needs from the reveal flow whose button was clicked. */
export interface CopyRequest {
  readonly view: CopyView;
  readonly field: FieldName;
  readonly channel: HostChannel;
  /** False once the flow has hidden or been configured again since the click. */
  current(): boolean;
  /** The value the flow holds for the field now, if any. */
  held(): string | undefined;
  /** One issuer request for the field (the flow keeps and shares what it opens). */
  fetch(): Promise<RevealResult>;
  /** Reports a failed fetch as a reveal failure. */
  fail(error: unknown): void;
}

/** Why a copy was refused, by what the visibility check found (never card data). */
const COPY_NOT_VISIBLE: Record<Exclude<Visibility, { visible: true }>['reason'], string> = {
  obscured: 'the copy button was covered by something on the page, so nothing was copied',
  offscreen: 'the copy button was not fully on screen, so nothing was copied',
  unknown: 'the frame could not tell that the copy button was visible, so nothing was copied',
};

/**
 * Copy, inside the click, once a check says the cardholder could see the
 * button (a host may lay a transparent element over the frame and let the
 * click through). Where the engine cannot see covering elements (no
 * Intersection Observer v2: WebKit, Firefox) the clipboard write starts at
 * once, inside the click's activation as WebKit requires, and gets its text
 * only after the check; Chromium checks first and writes after, within the
 * activation it keeps. The view says how it went; a failed fetch is a
 * reveal failure.
 */
export function startCopy(request: CopyRequest): void {
  const { view } = request;
  if (!request.current()) return;
  const visibility = frameVisibility(view.shadowRoot?.querySelector('button') ?? view);
  if (canTrackVisibility()) {
    void visibility.then((seen) => {
      if (!request.current()) return;
      if (seen.visible) {
        write(request, visibility);
        return;
      }
      refuseCopy(request, seen);
    });
    return;
  }
  const gate = visibility.then((seen) => {
    if (!seen.visible) throw new CardframeError('ERR_COPY_REFUSED', COPY_NOT_VISIBLE[seen.reason]);
  });
  write(request, visibility, gate);
}

/** Says in the view and to the host that nothing was copied, and why: the check saw the button hidden, or the browser refused the write. */
function refuseCopy({ view, channel }: CopyRequest, seen: Visibility): void {
  const refused = new CardframeError('ERR_COPY_REFUSED', seen.visible ? 'the browser refused to write to the clipboard' : COPY_NOT_VISIBLE[seen.reason]);
  view.error = refused.toInfo();
  view.status = !seen.visible && seen.reason === 'obscured' ? 'obscured' : 'refused';
  channel.emit('error', refused.toInfo());
}

function write(request: CopyRequest, visibility: Promise<Visibility>, gate?: Promise<void>): void {
  const { view, field, channel } = request;
  const held = request.held();
  const copied = copyField(
    field,
    held,
    async () => {
      const { values, unavailable } = await request.fetch();
      const gap = unavailable.find((entry) => entry.field === field);
      if (gap) throw new CardframeError(gap.code, `the issuer response has no readable ${field}`);
      return values;
    },
    gate,
  );
  if (held === undefined) view.state = 'revealing';
  copied.then(
    async (written) => {
      const seen = await visibility;
      if (!request.current()) return;
      view.state = 'ready';
      if (written) {
        view.status = 'copied';
        channel.emit('copy', { field });
        return;
      }
      refuseCopy(request, seen);
    },
    (error: unknown) => request.fail(error),
  );
}
