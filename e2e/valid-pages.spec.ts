// Every built page is valid HTML, and the sitemap lists every page meant for readers.
//
// .htmlvalidate.json extends html-validate:recommended and relaxes only what Astro's own output
// conflicts with:
// - doctype-style: Astro writes redirect stubs with a lower-case <!doctype html>.
// - valid-id (relaxed): headings get id="_top" for the "back to top" link; HTML allows any id
//   without spaces.
// - prefer-native-element (region excluded): a scrolling table is wrapped in a focusable
//   <div role="region" aria-label> as WCAG advises; a <section> would add an outline entry.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { builtPages, isListedPage } from './support/built-site';
import { publishedPaths } from './site';

// The project's config, whichever folder the build under test was written to.
const validator = new HtmlValidate(new StaticConfigLoader(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8'))));

for (const page of builtPages()) {
  test(`${page.path} is valid HTML`, async () => {
    const report = await validator.validateString(page.html, page.file);
    const problems = report.results
      .flatMap((r) => r.messages)
      .map((m) => `${page.path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    expect(problems).toEqual([]);
  });
}

test('the sitemap lists every page except 404, embeds and redirect stubs, and nothing else', () => {
  const listed = builtPages()
    .filter(isListedPage)
    .map((p) => p.path);
  expect(listed.length).toBeGreaterThan(8);
  expect([...publishedPaths()].sort()).toEqual([...listed].sort());
});
