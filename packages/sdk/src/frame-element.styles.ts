import { unsafeCSS } from '@lit/reactive-element';

// Fixed text with nothing interpolated, so `unsafeCSS` is safe here; Lit's `css` tag would add its
// value checks (and their messages) to the host script for no gain. Elements use it the same way.
export const frameStyles = unsafeCSS(`
  :host {
    display: block;
    min-height: var(--cardframe-min-height, 0);
  }
  :host([hidden]) {
    display: none;
  }
  iframe {
    display: block;
    width: 100%;
    height: var(--cardframe-initial-height, 150px);
    border: 0;
    color-scheme: normal;
  }
`);
