import { describe, expect, it } from 'vitest';
import { frenchSpacing, frenchSpacingInHtml, typographyFaults } from './typography.js';

const NBSP = '\u00a0';

describe('French typography', () => {
  it('puts a non-breaking space before « : ; ! ? » and inside « »', () => {
    expect(frenchSpacing('Attention : le lien expire ; vraiment ? Oui ! « Clé »')).toBe(
      `Attention${NBSP}: le lien expire${NBSP}; vraiment${NBSP}? Oui${NBSP}! «${NBSP}Clé${NBSP}»`,
    );
  });

  it('joins a line break before the punctuation, as a template wrapped by the formatter leaves it', () => {
    expect(frenchSpacing('approuvé\n        ; la personne')).toBe(`approuvé${NBSP}; la personne`);
  });

  it('leaves times, addresses and entities alone', () => {
    const text = 'À 10:30, https://rempart.test/?a=1 &amp; l’œuvre';
    expect(frenchSpacing(text)).toBe(text);
  });

  it('fixes the text of a page and the attributes read aloud, never data or code', () => {
    const page =
      '<title>Erreur : page</title><button aria-label="Approuver : Zoé">Approuver</button>' +
      '<input value="a : b" name="x"><textarea>mot : laissé</textarea><p>Note : oui</p>';
    expect(frenchSpacingInHtml(page)).toBe(
      `<title>Erreur${NBSP}: page</title><button aria-label="Approuver${NBSP}: Zoé">Approuver</button>` +
        `<input value="a : b" name="x"><textarea>mot : laissé</textarea><p>Note${NBSP}: oui</p>`,
    );
  });

  it('finds the faults it would fix, and none once fixed (control)', () => {
    const text = 'Erreur : « code » ok ?';
    expect(typographyFaults(text)).toHaveLength(4);
    expect(typographyFaults(frenchSpacing(text))).toEqual([]);
  });
});
