import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { KeyStages, type KeyStageFields, type StagedKey } from '../../src/index.ts';

interface CounterKey {
  readonly kid: string;
  readonly alias: string;
}

/** The trivial format: keys named k1, k2, … with an alias; stored and published as their kid. */
class CounterRing extends KeyStages<CounterKey> {
  #made = 0;

  constructor(keys: StagedKey<CounterKey>[], made: number) {
    super(keys, (held, id) => held.find((key) => key.kid === id || key.alias === id));
    this.#made = made;
  }

  static create(now: number): CounterRing {
    return new CounterRing(KeyStages.started(counterKey(1), counterKey(2), now), 2);
  }

  static fromJSON(json: readonly ({ kid: string } & KeyStageFields)[]): CounterRing {
    return new CounterRing(KeyStages.restored(json, json.map((entry) => counterKey(Number(entry.kid.slice(1))))), json.length);
  }

  toJSON() {
    return this.stored((key) => ({ kid: key.kid }));
  }

  keySet() {
    return this.published((key) => ({ kid: key.kid }));
  }

  get needs(): number {
    return this.keysToRotate;
  }

  rotate(now: number, fresh = Array.from({ length: this.keysToRotate }, () => counterKey(++this.#made))): void {
    this.rotateTo(fresh, now);
  }
}

function counterKey(n: number): CounterKey {
  return { kid: `k${n}`, alias: `alias-${n}` };
}

const T = 1_800_000_000_000;
const DAY = 24 * 3600;

describe('key stages (the issuer rotation rules, any format)', () => {
  it('starts with an active key valid now and a next key published a day ahead', () => {
    const ring = CounterRing.create(T);
    expect(ring.active.kid).to.equal('k1');
    expect(ring.trusted.map((k) => [k.kid, k.stage, k.nbf])).to.deep.equal([
      ['k1', 'active', T / 1000],
      ['k2', 'next', T / 1000 + DAY],
    ]);
    expect(ring.retired).to.deep.equal([]);
  });

  it('rotates next → active (valid from the rotation), active → retiring, retiring → retired, with a new next', () => {
    const ring = CounterRing.create(T);
    ring.rotate(T + 60_000);
    expect(ring.trusted.map((k) => [k.kid, k.stage, k.nbf])).to.deep.equal([
      ['k2', 'active', T / 1000 + 60],
      ['k3', 'next', T / 1000 + 60 + DAY],
      ['k1', 'retiring', T / 1000],
    ]);
    ring.rotate(T + 120_000);
    expect(ring.trusted.map((k) => [k.kid, k.stage])).to.deep.equal([
      ['k3', 'active'],
      ['k4', 'next'],
      ['k2', 'retiring'],
    ]);
    expect(ring.retired.map((k) => k.kid)).to.deep.equal(['k1']);
  });

  it('accepts next, active and retiring keys, by whatever id the format finds them', () => {
    const ring = CounterRing.create(T);
    ring.rotate(T);
    expect(ring.accept('k1').stage).to.equal('retiring');
    expect(ring.accept('k2').stage).to.equal('active');
    expect(ring.accept('alias-3').stage).to.equal('next');
  });

  it('refuses a retired key with retired_key and a key it never had with unknown_key', () => {
    const ring = CounterRing.create(T);
    ring.rotate(T);
    ring.rotate(T);
    expect(thrownCode(() => ring.accept('k1'))).to.equal('retired_key');
    expect(thrownCode(() => ring.accept('alias-1'))).to.equal('retired_key');
    expect(thrownCode(() => ring.accept('k99'))).to.equal('unknown_key');
  });

  it('keeps only the last four retired keys, forgetting older ones entirely', () => {
    const ring = CounterRing.create(T);
    for (let i = 0; i < 7; i++) ring.rotate(T);
    expect(ring.retired.map((k) => k.kid)).to.deep.equal(['k3', 'k4', 'k5', 'k6']);
    expect(thrownCode(() => ring.accept('k2'))).to.equal('unknown_key');
  });

  it('publishes every trusted key, active first, each with its nbf, and never a retired one', () => {
    const ring = CounterRing.create(T);
    ring.rotate(T + 1000);
    ring.rotate(T + 2000);
    expect(ring.keySet()).to.deep.equal({
      keys: [
        { kid: 'k3', nbf: T / 1000 + 2 },
        { kid: 'k4', nbf: T / 1000 + 2 + DAY },
        { kid: 'k2', nbf: T / 1000 + 1 },
      ],
    });
  });

  it('stores each key as the format says followed by its nbf and stage, and restores the same stages', () => {
    const ring = CounterRing.create(T);
    ring.rotate(T);
    ring.rotate(T);
    const json = JSON.parse(JSON.stringify(ring.toJSON())) as ReturnType<CounterRing['toJSON']>;
    expect(json.map((entry) => Object.keys(entry))).to.deep.equal(json.map(() => ['kid', 'nbf', 'stage']));
    const restored = CounterRing.fromJSON(json);
    expect(restored.toJSON()).to.deep.equal(json);
    expect(restored.keySet()).to.deep.equal(ring.keySet());
    expect(thrownCode(() => restored.accept('k1'))).to.equal('retired_key');
  });

  it('refuses to restore a store without exactly one active key', () => {
    const stored = CounterRing.create(T).toJSON();
    expect(() => CounterRing.fromJSON(stored.map((entry) => ({ ...entry, stage: 'next' as const })))).to.throw(/exactly one active/);
    expect(() => CounterRing.fromJSON(stored.map((entry) => ({ ...entry, stage: 'active' as const })))).to.throw(/exactly one active/);
  });

  it('rotates a ring with no next key by making both a new active and a new next key', () => {
    const ring = CounterRing.fromJSON([{ kid: 'k1', nbf: T / 1000, stage: 'active' }]);
    expect(ring.needs).to.equal(2);
    ring.rotate(T + 5000);
    expect(ring.trusted.map((k) => [k.kid, k.stage, k.nbf])).to.deep.equal([
      ['k2', 'active', T / 1000 + 5],
      ['k3', 'next', T / 1000 + 5 + DAY],
      ['k1', 'retiring', T / 1000],
    ]);
    expect(ring.needs).to.equal(1);
  });

  it('refuses a rotation given the wrong number of new keys, changing nothing', () => {
    const ring = CounterRing.create(T);
    expect(() => ring.rotate(T, [])).to.throw(/takes 1 new key/);
    expect(ring.trusted.map((k) => [k.kid, k.stage])).to.deep.equal([
      ['k1', 'active'],
      ['k2', 'next'],
    ]);
  });
});
