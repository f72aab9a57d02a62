import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.ts';

describe('plainText', () => {
  it('drops tags and decodes entities once', () => {
    expect(plainText('<code>take_gil()</code> &amp; <em>drop_gil()</em>')).toBe('take_gil() & drop_gil()');
    expect(plainText('a &lt;b&gt; &quot;c&quot; &#39;d&#39;')).toBe('a <b> "c" \'d\'');
  });

  it('keeps an escaped entity as the text the author wrote', () => {
    expect(plainText('Why &amp;lt; is not &lt;')).toBe('Why &lt; is not <');
  });
});
