import { describe, expect, it } from 'vitest';
import { systemRandom, type Random } from '../kernel/random.js';
import { blindIndex, blindIndexSpecs, nameIndex } from './blind-index.js';
import { associatedData, envelopeKeyVersion, open, seal } from './envelope.js';
import { normaliseEmail, normaliseFullName, normalisePhone } from './normalise.js';

const key = Buffer.alloc(32, 1);
const binding = { table: 'people', column: 'last_name_enc', rowId: '6f1c0d3e-0000-4000-8000-000000000001' };

describe('AEAD envelopes', () => {
  it('round-trips and carries its key version', () => {
    const envelope = seal(key, 3, Buffer.from('Hélène'), associatedData(binding), systemRandom);
    expect(envelopeKeyVersion(envelope)).toBe(3);
    expect(open(key, envelope, associatedData(binding)).toString()).toBe('Hélène');
  });

  it('fails on any flipped bit', () => {
    const envelope = seal(key, 1, Buffer.from('Hélène'), associatedData(binding), systemRandom);
    for (let i = 5; i < envelope.length; i++) {
      const tampered = Buffer.from(envelope);
      tampered[i] = tampered[i]! ^ 0x01;
      expect(() => open(key, tampered, associatedData(binding))).toThrow(/authentification échouée/);
    }
  });

  it('fails when moved to another row, column or table', () => {
    const envelope = seal(key, 1, Buffer.from('Hélène'), associatedData(binding), systemRandom);
    for (const moved of [
      { ...binding, rowId: '6f1c0d3e-0000-4000-8000-000000000002' },
      { ...binding, column: 'first_name_enc' },
      { ...binding, table: 'accounts' },
    ]) {
      expect(() => open(key, envelope, associatedData(moved))).toThrow();
    }
  });

  it('fails under another key', () => {
    const envelope = seal(key, 1, Buffer.from('x'), associatedData(binding), systemRandom);
    expect(() => open(Buffer.alloc(32, 2), envelope, associatedData(binding))).toThrow();
  });

  it('draws a fresh nonce for every value: none repeats over 200,000 seals', () => {
    let draws = 0;
    const counting: Random = { ...systemRandom, bytes: (n) => (draws++, systemRandom.bytes(n)) };
    const nonces = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const envelope = seal(key, 1, Buffer.from('même valeur'), associatedData(binding), counting);
      nonces.add(envelope.subarray(5, 17).toString('hex'));
    }
    expect(draws).toBe(200_000);
    expect(nonces.size).toBe(200_000);
  });

  it('gives different ciphertexts for the same value', () => {
    const a = seal(key, 1, Buffer.from('Hélène'), associatedData(binding), systemRandom);
    const b = seal(key, 1, Buffer.from('Hélène'), associatedData(binding), systemRandom);
    expect(a.equals(b)).toBe(false);
  });
});

describe('blind indexes', () => {
  const indexKey = Buffer.alloc(32, 9);

  it('normalises case, accents, spaces and phone formats', () => {
    expect(normaliseEmail('  Zoé.Garçon@Exemple.FR ')).toBe('zoé.garçon@exemple.fr');
    for (const phone of ['06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678', '06.12.34.56.78']) {
      expect(normalisePhone(phone)).toBe('0612345678');
    }
    expect(normaliseFullName("  D'Aubigné ", 'Éloïse-Marie')).toBe(normaliseFullName('d aubigne', 'eloise marie'));
    expect(nameIndex(indexKey, 'LEFÈVRE', 'Hélène')).toEqual(nameIndex(indexKey, 'lefevre', 'helene'));
    expect(blindIndex(indexKey, 'personPhone', '+33 6 12 34 56 78')).toEqual(
      blindIndex(indexKey, 'personPhone', '06 12 34 56 78'),
    );
  });

  it('truncates to the documented number of bits', () => {
    for (const [name, spec] of Object.entries(blindIndexSpecs)) {
      const index = blindIndex(indexKey, name as keyof typeof blindIndexSpecs, 'valeur');
      expect(index.length).toBe(Math.ceil(spec.bits / 8));
      const spare = index.length * 8 - spec.bits;
      expect(index.at(-1)! & ((1 << spare) - 1)).toBe(0);
    }
  });

  it('keys each field apart, and depends on the key', () => {
    expect(blindIndex(indexKey, 'personEmail', 'a@b.fr')).not.toEqual(
      blindIndex(indexKey, 'accountEmail', 'a@b.fr').subarray(0, 3),
    );
    expect(blindIndex(indexKey, 'accountEmail', 'a@b.fr')).not.toEqual(
      blindIndex(Buffer.alloc(32, 8), 'accountEmail', 'a@b.fr'),
    );
  });
});
