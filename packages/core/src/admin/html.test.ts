import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from './html.js';

describe('html', () => {
  it('escapes every interpolated text, attribute quotes included', () => {
    const value = `"><script>alert('x')</script>&`;
    expect(html`<input value="${value}">`.value).toBe(
      '<input value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">',
    );
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('keeps nested html and raw markup as they are, joins arrays, drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${raw('<br>')}${0}`.value).toBe(
      '<ul><li>&lt;a&gt;</li><li>b</li></ul><br>0',
    );
  });
});
