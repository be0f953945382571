/** What a reveal view asks of its flow when the cardholder presses one of its buttons. */
export type ViewRequest = 'reveal' | 'hide' | 'copy' | 'passkey' | 'provision';

/** Tells the flow the cardholder asked for `what` (dispatched inside the click, so it keeps the user activation). */
export function requestFromView(view: HTMLElement, what: ViewRequest): void {
  view.dispatchEvent(new CustomEvent(`cardframe-${what}-request`, { bubbles: true, composed: true }));
}

// The views' click handlers: Lit calls a template's listener with the view as `this`.

export function requestReveal(this: HTMLElement): void {
  requestFromView(this, 'reveal');
}

export function requestHide(this: HTMLElement): void {
  requestFromView(this, 'hide');
}

export function requestCopy(this: HTMLElement): void {
  requestFromView(this, 'copy');
}

export function requestPasskey(this: HTMLElement): void {
  requestFromView(this, 'passkey');
}

/** Add to wallet: only a click the browser made (the cardholder's), never one a script dispatched. */
export function requestProvision(this: HTMLElement, event: Event): void {
  if (event.isTrusted) requestFromView(this, 'provision');
}
