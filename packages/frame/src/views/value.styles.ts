import { css } from './frame-element.ts';

/**
 * How every card value (`part="value"`, masked or shown) is drawn, in every
 * view. The frame's own face (`cardframe-value`, see `frame.css`) has one
 * width for every digit, space, `/` and mask dot, and values never wrap, so
 * neither a value's width nor the height the frame posts to the host depends
 * on its digits. The declarations are `!important` because the host's rules
 * (in `frameSheet`, never important: the style grammar admits no `!`) may
 * target values for colour and size, but must not bring their own font,
 * spacing or figures: a proportional or ligature font would spell the digits
 * out in the layout.
 */
export const valueStyles = css`
  [part~='value'] {
    font-family: cardframe-value, ui-monospace, monospace !important;
    font-weight: 400 !important;
    font-style: normal !important;
    font-stretch: normal !important;
    font-variant: normal !important;
    font-variant-numeric: tabular-nums !important;
    font-feature-settings: normal !important;
    font-kerning: none !important;
    letter-spacing: 0.04em !important;
    word-spacing: normal !important;
    text-transform: none !important;
    white-space: nowrap !important;
  }
`;
