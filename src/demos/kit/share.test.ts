import { describe, expect, it } from 'vitest';
import { embedUrl, iframeSnippet } from './share.ts';

describe('embedUrl', () => {
  it('puts the state in the query of the demo embed page, under the base path', () => {
    const q = new URLSearchParams({ scenario: 'convoy', t: '2' });
    expect(embedUrl('timeline', q, '/course/', 'https://example.org')).toBe(
      'https://example.org/course/embed/timeline/?scenario=convoy&t=2',
    );
    expect(embedUrl('race-stepper', new URLSearchParams(), '/', 'http://x')).toBe('http://x/embed/race-stepper/');
  });
});

describe('iframeSnippet', () => {
  it('escapes the URL in the attribute', () => {
    const s = iframeSnippet('timeline', 'https://e.org/embed/timeline/?a=1&b="<x>');
    expect(s).toContain('src="https://e.org/embed/timeline/?a=1&amp;b=&quot;&lt;x>"');
    expect(s).not.toContain('allow=');
  });

  it('asks for isolation for the timing lab', () => {
    expect(iframeSnippet('timing-lab', 'https://e.org/')).toContain('allow="cross-origin-isolated"');
  });
});
