/** The host box and its iframe; every element's shadow root adopts it. One rule a line: the text ships as it is written. */
export const frameStyles = `
:host { display: block; min-height: var(--cardframe-min-height, 0); }
:host([hidden]) { display: none; }
iframe { display: block; width: 100%; height: var(--cardframe-initial-height, 150px); border: 0; color-scheme: normal; }
`;
