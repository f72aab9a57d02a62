/** A heading's rendered HTML as plain text, for the anchor link's label. `&amp;` is decoded last,
 * so that an escaped entity (`&amp;lt;`, written `&lt;` by the author) stays text. */
export function headingText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
