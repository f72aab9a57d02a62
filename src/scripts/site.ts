// The only script on pages without a demo: the theme choice and the copy buttons.
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

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const code = button.closest('[data-code-file]')?.querySelector('pre');
    const status = button.parentElement?.querySelector<HTMLElement>('[data-copy-status]');
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      if (status) status.textContent = 'Copied to clipboard';
    } catch {
      if (status) status.textContent = 'Copy failed: select the code and copy it by hand';
    }
    setTimeout(() => {
      if (status) status.textContent = '';
    }, 3000);
  });
}
