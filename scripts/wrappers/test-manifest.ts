// A manifest with one element more than the SDK's, for the wrappers' tests:
// `<cardframe-balance>`, a reveal element with its own property and a new
// event, as a future element would reach the manifest.
import type { Manifest } from './manifest.ts';

export function withExtraElement(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  const pan = copy.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'cardframe-pan')!;
  const inherited = (pan.members ?? []).filter((m) => m.inheritedFrom && m.inheritedFrom.name !== 'CardframeField');
  copy.modules.push({
    path: 'src/balance/balance.ts',
    declarations: [
      {
        kind: 'class',
        name: 'CardframeBalance',
        customElement: true,
        tagName: 'cardframe-balance',
        description: "The card's available balance, in its own frame.",
        superclass: { name: 'RevealElement' },
        members: [{ kind: 'field', name: 'currency', privacy: 'public', type: { text: 'string | undefined' } }, ...inherited],
        attributes: [{ name: 'currency', fieldName: 'currency' }],
        events: [{ name: 'cardframe-ready' }, { name: 'cardframe-refresh' }, { name: 'cardframe-error' }],
      },
    ],
  });
  return copy;
}
