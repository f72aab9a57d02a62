export type ThemeChoice = 'auto' | 'light' | 'dark';

const KEY = 'theme';

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

export function readStoredTheme(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): ThemeChoice {
  try {
    return parseTheme(storage?.getItem(KEY));
  } catch {
    return 'auto'; // storage can throw when blocked (private mode, sandboxed iframes)
  }
}

export function storeTheme(choice: ThemeChoice, storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = globalThis.localStorage): void {
  try {
    if (choice === 'auto') storage?.removeItem(KEY);
    else storage?.setItem(KEY, choice);
  } catch {
    // Not persisting is acceptable; the choice still applies to this page.
  }
}

/** 'auto' removes the attribute so CSS follows prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'auto') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
