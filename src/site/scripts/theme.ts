export type ThemeChoice = 'auto' | 'light' | 'dark';

const KEY = 'theme';

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

// Even reading window.localStorage throws where storage is blocked, so it is looked up inside try.
const local = (): Store | undefined => globalThis.localStorage;

export function readStoredTheme(storage?: Pick<Storage, 'getItem'>): ThemeChoice {
  try {
    return parseTheme((storage ?? local())?.getItem(KEY));
  } catch {
    return 'auto'; // storage can throw when blocked (private mode, sandboxed iframes)
  }
}

export function storeTheme(choice: ThemeChoice, storage?: Pick<Storage, 'setItem' | 'removeItem'>): void {
  try {
    const s = storage ?? local();
    if (choice === 'auto') s?.removeItem(KEY);
    else s?.setItem(KEY, choice);
  } catch {
    // Not persisting is acceptable; the choice still applies to this page.
  }
}

/** 'auto' removes the attribute so CSS follows prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'auto') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
