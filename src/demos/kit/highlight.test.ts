import { describe, expect, it } from 'vitest';
import { codeToHtml, type ThemeRegistrationResolved } from 'shiki';
import {
  classTokens,
  codePalette,
  codePaletteCss,
  codeThemes,
  highlight,
  palette,
  type CodePalette,
} from './highlight.ts';
import { listExamples, readExample } from '../../site/examples.ts';

const theme = (fg: string, rules: [string, string][]): ThemeRegistrationResolved =>
  ({
    name: 'test',
    type: 'light',
    fg,
    bg: '#000000',
    settings: [
      { settings: { foreground: fg } },
      ...rules.map(([scope, foreground]) => ({ scope, settings: { foreground } })),
    ],
  }) as ThemeRegistrationResolved;

describe('codePalette', () => {
  it('pairs rules with the same scopes, one class per distinct pair, skipping the text colour', () => {
    const light = theme('#111111', [
      ['keyword', '#AA0000'],
      ['comment', '#00AA00'],
      ['storage', '#aa0000'],
      ['string', '#111111'],
    ]);
    const dark = theme('#eeeeee', [
      ['comment', '#00ff00'],
      ['keyword', '#ff0000'],
      ['storage', '#FF0000'],
      ['string', '#eeeeee'],
    ]);
    const p = codePalette(light, dark);
    expect(p.text).toEqual({ light: '#111111', dark: '#eeeeee' });
    expect([...p.classes]).toEqual([
      ['c1', { light: '#aa0000', dark: '#ff0000' }],
      ['c2', { light: '#00aa00', dark: '#00ff00' }],
    ]);
  });

  it('leaves out a rule the other theme does not have', () => {
    const p = codePalette(theme('#111111', [['keyword', '#aa0000']]), theme('#eeeeee', []));
    expect(p.classes.size).toBe(0);
  });
});

describe('codePaletteCss', () => {
  it('writes one light-dark() rule for the text and each class', () => {
    const p: CodePalette = {
      text: { light: '#111111', dark: '#eeeeee' },
      classes: new Map([['c1', { light: '#aa0000', dark: '#ff0000' }]]),
    };
    expect(codePaletteCss(p)).toBe(
      '.shiki { color: light-dark(#111111, #eeeeee); }\n.shiki .c1 { color: light-dark(#aa0000, #ff0000); }\n',
    );
  });

  it('is what src/styles/code-colours.css holds (regenerate with `npx vitest run -u src/demos/kit/highlight.test.ts`)', async () => {
    const header =
      '/* Generated from the Shiki themes in src/demos/kit/highlight.ts by highlight.test.ts; do not edit. */\n';
    await expect(header + codePaletteCss(palette)).toMatchFileSnapshot('../../styles/code-colours.css');
  });
});

describe('classTokens', () => {
  const small: CodePalette = {
    text: { light: '#0e1116', dark: '#f0f3f6' },
    classes: new Map([['c1', { light: '#a0111f', dark: '#ff9492' }]]),
  };
  const html = (code: string, p: CodePalette = small) =>
    codeToHtml(code, { lang: 'python', themes: codeThemes, defaultColor: false, transformers: [classTokens(p)] });

  it('gives known colours a class, unwraps plain text and joins a colour across blank space', async () => {
    const out = await html('import os\nx = not y in z');
    expect(out).toContain('<pre class="shiki" tabindex="0">');
    expect(out).toContain('<span class="line"><span class="c1">import</span> os</span>');
    // `=`, `not` and `in` are all keywords: one span, the blanks inside it.
    expect(out).toContain('<span class="line">x <span class="c1">= not</span> y <span class="c1">in</span> z</span>');
  });

  it('keeps the style attribute of a colour outside the palette', async () => {
    const out = await html('# note', { ...small, classes: new Map() });
    expect(out).toMatch(/<span style="--shiki-light:#66707B;--shiki-dark:#BDC4CC">.*# note<\/span>/i);
  });

  it('keeps the code text exactly as Shiki alone writes it', async () => {
    const code = 'def f(a, b):\n    return a  +  b  # sum < 2 & "3"\n\n\tprint(f"{a!r}")\n';
    const text = (h: string) => h.replace(/<[^>]+>/g, '');
    const plain = await codeToHtml(code, { lang: 'python', themes: codeThemes, defaultColor: false });
    expect(text(await highlight(code, 'python'))).toBe(text(plain));
    expect(text(plain)).toContain('return a  +  b  # sum');
  });
});

describe('the site palette', () => {
  it('covers every token colour of every example file: no inline styles are left', async () => {
    for (const name of await listExamples()) {
      expect(await highlight(await readExample(name), 'python'), name).not.toContain('style=');
    }
  });
});
