/**
 * Resolves in a new task, so the page handles input between two pieces of work (animation frames
 * would stop in a hidden tab, and a microtask would not let the page in at all).
 */
export const yieldTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
