import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** content/examples, resolved from the project root (Astro runs from there at build time). */
export const examplesDir = fileURLToPath(new URL('../../content/examples/', `file://${process.cwd()}/src/site/`));

/** Only plain file names are accepted, so a page cannot include anything outside content/examples. */
export function isExampleName(name: string): boolean {
  return /^[a-z0-9][a-z0-9_]*\.py$/.test(name);
}

export async function readExample(name: string): Promise<string> {
  if (!isExampleName(name)) throw new Error(`CodeFile: "${name}" is not a file name in content/examples`);
  return readFile(`${examplesDir}${name}`, 'utf8');
}

export async function listExamples(): Promise<string[]> {
  return (await readdir(examplesDir)).filter((f) => isExampleName(f) && !f.startsWith('test_')).sort();
}
