import { css } from '@lit/reactive-element';

export const frameStyles = css`
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
`;
