// The layers of src/, from the ground up: engines (sim, then lab) know nothing of the page; the
// demo kit knows the engines; each demo knows the engines and the kit, not another demo (but the
// timing lab, which replays its runs on the timeline); site/ (layouts, chrome, the MDX kit) and
// pages/ sit on top. Tests and tools/ may import anything. Fails on an import that points up.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../tools/files.ts';

/** The layer of a file under src/, e.g. 'sim', 'demos/kit', 'demos/timeline', 'site'. */
function layerOf(file: string): string {
  const parts = relative('src', file).split('/');
  if (parts[0] === 'demos') return `demos/${parts[1]}`;
  return parts.length === 1 ? 'root' : (parts[0] as string);
}

/** What each layer may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  sim: [],
  lab: ['sim'],
  'demos/kit': ['sim', 'lab'],
  'demos/timing-lab': ['sim', 'lab', 'demos/kit', 'demos/timeline'],
  site: ['sim', 'lab', 'demos/*', 'root', 'styles'],
  pages: ['sim', 'lab', 'demos/*', 'site', 'root', 'styles'],
  root: [],
  styles: [],
};
const DEMO_DEFAULT = ['sim', 'lab', 'demos/kit', 'styles'];

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  const rules = ALLOWED[from] ?? (from.startsWith('demos/') ? DEMO_DEFAULT : []);
  return rules.some((r) => r === to || (r === 'demos/*' && to.startsWith('demos/')));
}

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function upwardImports(sources: Record<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const [, spec] of text.matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), spec as string));
      if (!target.startsWith('src/')) continue;
      if (!allowed(layerOf(file), layerOf(target)))
        bad.push(`${file} imports ${spec} (${layerOf(file)} → ${layerOf(target)})`);
    }
  }
  return bad;
}

describe('layers', () => {
  it('no file in src/ imports from a layer above it', () => {
    const sources = Object.fromEntries(
      filesUnder('src', (f) => /\.(ts|astro)$/.test(f) && !f.endsWith('.test.ts')).map((f) => [
        f,
        readFileSync(f, 'utf8'),
      ]),
    );
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(upwardImports(sources)).toEqual([]);
  });

  it('catches an engine that imports a demo, and a demo that imports another', () => {
    expect(upwardImports({ 'src/sim/gil.ts': "import { x } from '../demos/timeline/format.ts';" })).toEqual([
      'src/sim/gil.ts imports ../demos/timeline/format.ts (sim → demos/timeline)',
    ]);
    expect(upwardImports({ 'src/demos/timeline/a.ts': "import('../race-stepper/hash.ts')" })).toHaveLength(1);
    expect(upwardImports({ 'src/demos/kit/a.ts': "import { x } from '../../site/url.ts';" })).toHaveLength(1);
    expect(upwardImports({ 'src/demos/timeline/a.ts': "import { x } from '../kit/share.ts';" })).toEqual([]);
  });
});
