import { css } from './frame-element.ts';

/** What every frame view shares: the host font and colour, buttons, focus rings, the error line, screen-reader-only text. */
export const viewStyles = css`
  :host {
    display: block;
    font: var(--cardframe-font, 16px/1.4 system-ui, sans-serif);
    color: var(--cardframe-color, #1a1a1a);
  }
  button {
    font: inherit;
    padding: 0.35em 0.9em;
    border-radius: 6px;
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--cardframe-focus, #2563eb);
    outline-offset: 2px;
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .error {
    color: var(--cardframe-error-color, #b42318);
    margin: 0.5em 0 0;
  }
  /* Read by screen readers, not shown. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
