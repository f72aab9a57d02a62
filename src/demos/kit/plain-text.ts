/**
 * HTML as plain text: tags dropped, entities decoded once, `&amp;` last so that an escaped entity
 * (`&amp;lt;`, written `&lt;` by the author) stays text. For heading link labels and search
 * excerpts, which are shown as text, never parsed as HTML.
 */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
