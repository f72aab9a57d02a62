import { describe, expect, it } from 'vitest';
import { headingText } from './heading-text.ts';

describe('headingText', () => {
  it('drops tags and decodes entities once', () => {
    expect(headingText(' <code>take_gil()</code> &amp; <em>drop_gil()</em> ')).toBe('take_gil() & drop_gil()');
    expect(headingText('a &lt;b&gt; &quot;c&quot; &#39;d&#39;')).toBe('a <b> "c" \'d\'');
  });

  it('keeps an escaped entity as the text the author wrote', () => {
    expect(headingText('Why &amp;lt; is not &lt;')).toBe('Why &lt; is not <');
  });
});
