import { describe, expect, it } from 'vitest';
import { escapeHtml, html, toHtmlString } from './html.js';

describe('the html template', () => {
  it('escapes every interpolated string', () => {
    const name = `<script>alert("x")</script> & 'co' \`tick\``;
    expect(toHtmlString(html`<p title="${name}">${name}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39; &#96;tick&#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39; &#96;tick&#96;</p>',
    );
  });

  it('keeps nested templates as markup and escapes inside them', () => {
    const item = (text: string) => html`<li>${text}</li>`;
    // prettier-ignore
    const list = html`<ul>${['a<b', 'Émile'].map(item)}</ul>`;
    expect(toHtmlString(list)).toBe('<ul><li>a&lt;b</li><li>Émile</li></ul>');
  });

  it('renders null, undefined and false as nothing, and numbers as text', () => {
    expect(toHtmlString(html`${null}${undefined}${false}${42}`)).toBe('42');
  });

  it('does not take a look-alike object for markup', () => {
    const forged = { toString: () => '<b>faux</b>' } as unknown as string;
    expect(toHtmlString(html`${forged}`)).toBe('&lt;b&gt;faux&lt;/b&gt;');
  });

  it('leaves accented text alone', () => {
    expect(escapeHtml('Hélène Lefèvre-Çelik, l’œuvre')).toBe('Hélène Lefèvre-Çelik, l’œuvre');
  });
});
