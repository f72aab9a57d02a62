import {
  bundledThemes,
  createHighlighter,
  normalizeTheme,
  type Highlighter,
  type ShikiTransformer,
  type ThemeRegistrationResolved,
} from 'shiki';

// Also markdown.shikiConfig's in astro.config.mjs, so fenced code and CodeFile blocks look alike; the
// plain GitHub themes fail WCAG AA contrast.
export const codeThemes = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

/** A token colour in both themes, lower-case hex. */
export interface ColourPair {
  readonly light: string;
  readonly dark: string;
}

/** The themes' colours as classes: plain text takes `text` from the <pre>, other tokens a class. */
export interface CodePalette {
  readonly text: ColourPair;
  readonly classes: ReadonlyMap<string, ColourPair>;
}

const pairKey = (p: ColourPair): string => `${p.light.toLowerCase()} ${p.dark.toLowerCase()}`;
const scopeKey = (scope: string | readonly string[] | undefined): string => [scope ?? []].flat().join(',');

/**
 * Every token colour the two themes can give, as one class per distinct (light, dark) pair. Shiki
 * colours a token in each theme by the rule its scopes match; the GitHub pair shares its rules'
 * scopes, so a token's two colours are always those of two rules with the same scope list.
 */
export function codePalette(light: ThemeRegistrationResolved, dark: ThemeRegistrationResolved): CodePalette {
  const text = { light: light.fg.toLowerCase(), dark: dark.fg.toLowerCase() };
  const darkByScope = new Map(dark.settings.map((rule) => [scopeKey(rule.scope), rule.settings.foreground]));
  const classes = new Map<string, ColourPair>();
  const seen = new Set([pairKey(text)]);
  for (const rule of light.settings) {
    const pair = { light: rule.settings.foreground, dark: darkByScope.get(scopeKey(rule.scope)) };
    if (pair.light === undefined || pair.dark === undefined) continue;
    const colours = { light: pair.light.toLowerCase(), dark: pair.dark.toLowerCase() };
    if (seen.has(pairKey(colours))) continue;
    seen.add(pairKey(colours));
    classes.set(`c${classes.size + 1}`, colours);
  }
  return { text, classes };
}

/** The palette as CSS: light-dark() follows color-scheme, which the page and [data-theme] set. */
export function codePaletteCss(palette: CodePalette): string {
  const rule = (selector: string, c: ColourPair): string =>
    `${selector} { color: light-dark(${c.light}, ${c.dark}); }\n`;
  let css = rule('.shiki', palette.text);
  for (const [name, colours] of palette.classes) css += rule(`.shiki .${name}`, colours);
  return css;
}

type Line = Parameters<NonNullable<ShikiTransformer['line']>>[0];
type Child = Line['children'][number];

/** The token's two colours from Shiki's dual-theme style attribute (`--shiki-light:#…;--shiki-dark:#…`). */
function stylePair(style: unknown): ColourPair | undefined {
  if (typeof style !== 'string') return undefined;
  const light = /--shiki-light:\s*(#[0-9a-f]+)/i.exec(style)?.[1];
  const dark = /--shiki-dark:\s*(#[0-9a-f]+)/i.exec(style)?.[1];
  return light === undefined || dark === undefined ? undefined : { light, dark };
}

const isSpan = (n: Child | undefined): n is Extract<Child, { type: 'element' }> =>
  n?.type === 'element' && n.tagName === 'span';
const isBlank = (n: Child | undefined): boolean => n?.type === 'text' && n.value.trim() === '';

/**
 * A transformer that colours tokens by class instead of a style attribute per token: tokens in the
 * plain text colour lose their <span> (the <pre> gives that colour), and neighbouring tokens of one
 * colour, also across blank space, share a <span>. Font styles are dropped: the site never showed
 * them. A colour outside the palette keeps its style attribute, never a wrong class; the CSP blocks
 * such attributes, so html-validate fails any built page that has one (e2e/valid-pages).
 */
export function classTokens(palette: CodePalette): ShikiTransformer {
  const classOf = new Map([...palette.classes].map(([name, colours]) => [pairKey(colours), name]));
  const textKey = pairKey(palette.text);
  return {
    name: 'gil-deep-dive:class-tokens',
    // The <pre>'s own colours come from the palette CSS; the one class name is what the CSS selects
    // (Astro renames Shiki's "shiki" class to "astro-code": both blocks get the same markup).
    pre(node) {
      delete node.properties.style;
      node.properties.class = 'shiki';
    },
    line(node) {
      const out: Child[] = [];
      for (const child of node.children) {
        if (isSpan(child)) {
          const pair = stylePair(child.properties.style);
          const key = pair === undefined ? undefined : pairKey(pair);
          if (key === textKey) {
            out.push(...child.children);
            continue;
          }
          const name = key === undefined ? undefined : classOf.get(key);
          if (name !== undefined) child.properties = { class: name };
        }
        const prev = out[out.length - 1];
        const gap = out[out.length - 2];
        if (isSpan(child) && isSpan(prev) && sameLook(prev, child)) {
          prev.children.push(...child.children);
        } else if (isSpan(child) && isBlank(prev) && isSpan(gap) && sameLook(gap, child)) {
          gap.children.push(prev as Child, ...child.children);
          out.pop();
        } else {
          out.push(child);
        }
      }
      node.children = out;
    },
  };
}

/** Both spans have the same palette class (a span that kept its style attribute has none). */
function sameLook(a: { properties: Record<string, unknown> }, b: { properties: Record<string, unknown> }): boolean {
  return a.properties.class !== undefined && a.properties.class === b.properties.class;
}

const [lightTheme, darkTheme] = (await Promise.all(
  [codeThemes.light, codeThemes.dark].map(async (name) => normalizeTheme((await bundledThemes[name]()).default)),
)) as [ThemeRegistrationResolved, ThemeRegistrationResolved];

/** The site's code palette; src/styles/code-colours.css is written from it (see highlight.test.ts). */
export const palette = codePalette(lightTheme, darkTheme);
/** For CodeFile and Quiz here, and for fenced code in MDX (astro.config.mjs). */
export const codeTransformers: ShikiTransformer[] = [classTokens(palette)];

let highlighter: Promise<Highlighter> | undefined;

export async function highlight(code: string, lang: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: Object.values(codeThemes), langs: ['python', 'shell', 'html', 'text'] });
  return (await highlighter).codeToHtml(code, {
    lang,
    themes: codeThemes,
    defaultColor: false,
    transformers: codeTransformers,
  });
}
