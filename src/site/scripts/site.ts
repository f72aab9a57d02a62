// The only script on pages without a demo: the theme choice, the copy buttons and the search opener.
import { applyTheme, readStoredTheme, storeTheme, type ThemeChoice } from './theme';

const select = document.querySelector<HTMLSelectElement>('[data-theme-select] select');
if (select) {
  select.value = readStoredTheme();
  select.closest<HTMLElement>('[data-theme-select]')!.hidden = false;
  select.addEventListener('change', () => {
    const choice = select.value as ThemeChoice;
    storeTheme(choice);
    applyTheme(choice);
  });
}

/** Copies, and says so in the button's status line (a live region) for a few seconds. */
async function copy(text: string, status: HTMLElement | null | undefined, done: string, failed: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    if (status) status.textContent = done;
  } catch {
    if (status) status.textContent = failed;
  }
  setTimeout(() => {
    if (status) status.textContent = '';
  }, 3000);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const code = button.closest('[data-code-file]')?.querySelector('pre');
    if (!code) return;
    const status = button.parentElement?.querySelector<HTMLElement>('[data-copy-status]');
    void copy(
      code.textContent ?? '',
      status,
      'Copied to clipboard',
      'Copy failed: select the code and copy it by hand',
    );
  });
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy-link]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const url = new URL(`#${button.dataset.copyLink}`, location.href).href;
    const status = button.parentElement?.querySelector<HTMLElement>('[data-copy-status]');
    void copy(url, status, 'Link copied', `Copy failed: the link is ${url}`);
  });
}

// Search: its code (and Pagefind's) loads only when the reader opens it. Keys typed while it loads
// are kept and handed to the search field, so a reader who types "/convoy" at once loses nothing.
const searchButton = document.querySelector<HTMLButtonElement>('[data-search-open]');
if (searchButton) {
  searchButton.hidden = false;
  let typedWhileLoading: string | null = null;
  const open = (): void => {
    if (typedWhileLoading !== null) return;
    typedWhileLoading = '';
    void import('../../demos/search/search.ts')
      .then((m) => m.openSearch(searchButton, typedWhileLoading ?? ''))
      .finally(() => (typedWhileLoading = null));
  };
  searchButton.addEventListener('click', open);
  addEventListener('keydown', (e) => {
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (typedWhileLoading !== null && plain && e.key.length === 1) {
      e.preventDefault();
      typedWhileLoading += e.key;
      return;
    }
    const typing =
      e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]') !== null;
    if ((e.key === '/' && !typing && plain) || (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      open();
    }
  });
}
