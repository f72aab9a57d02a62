import { createHighlighter, type Highlighter } from 'shiki';

// The same high-contrast pair as markdown.shikiConfig in astro.config.mjs, so fenced code and
// CodeFile blocks look alike; the plain GitHub themes fail WCAG AA contrast.
export const codeThemes = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

let highlighter: Promise<Highlighter> | undefined;

export async function highlight(code: string, lang: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: Object.values(codeThemes), langs: ['python', 'shell', 'html', 'text'] });
  return (await highlighter).codeToHtml(code, { lang, themes: codeThemes, defaultColor: false });
}
