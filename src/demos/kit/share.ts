/**
 * "Share link" and "Embed" actions for a demo: both point at the demo's /embed/ page with the
 * current state in the query, so a link or an iframe opens exactly what the reader sees. The demos
 * put them right after themselves, so that their own controls and status line stay as they are.
 */
import { DEMOS, type Demo } from './embed.ts';
import './share.css';

/** The embed page's absolute URL for a state. */
export function embedUrl(
  demo: Demo,
  query: URLSearchParams,
  base = import.meta.env.BASE_URL,
  origin = location.origin,
): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const search = query.toString();
  return new URL(`${b}embed/${demo}/${search === '' ? '' : `?${search}`}`, origin).href;
}

/** The <iframe> a course page pastes; the attribute values are escaped. */
export function iframeSnippet(demo: Demo, url: string): string {
  const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  // The timing lab can measure only if the host page is isolated too and lets the frame be.
  const allow = demo === 'timing-lab' ? ' allow="cross-origin-isolated"' : '';
  return `<iframe src="${attr(url)}" title="${attr(`GIL Deep Dive: ${DEMOS[demo].title}`)}" width="100%" height="640" style="border:0" loading="lazy"${allow}></iframe>`;
}

/** The two buttons, the text they produce (selectable, in case copying fails) and a polite status. */
export function shareActions(demo: Demo, query: () => URLSearchParams): HTMLElement {
  const box = document.createElement('div');
  box.className = 'share-actions';
  const text = document.createElement('textarea');
  text.readOnly = true;
  text.rows = 3;
  text.hidden = true;
  text.setAttribute('aria-label', 'Link or embed code');
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const action = (label: string, what: string, make: () => string): HTMLButtonElement => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.dataset.share = what;
    button.addEventListener('click', async () => {
      text.value = make();
      text.hidden = false;
      text.select();
      try {
        await navigator.clipboard.writeText(text.value);
        status.textContent = `${what} copied to the clipboard`;
      } catch {
        status.textContent = `${what} selected below: copy it by hand`;
      }
    });
    return button;
  };
  box.append(
    action('Share link', 'Link', () => embedUrl(demo, query())),
    ' ',
    action('Embed', 'Embed code', () => iframeSnippet(demo, embedUrl(demo, query()))),
    ' ',
    status,
    text,
  );
  return box;
}
