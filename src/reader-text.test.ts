// What readers see names only what they can open: no internal notes, no source article they never
// saw, no project commands to run. Scans the pages, the samples and the code that prints text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../tools/files.ts';

const self = 'src/reader-text.test.ts';
const text = (f: string): boolean => /\.(mdx|py|ts|astro|json)$/.test(f);
const sources = [...filesUnder('content', text), ...filesUnder('src', text)].filter((f) => f !== self);
const pages = sources.filter((f) => f.endsWith('.mdx'));

describe('text readers see', () => {
  it('never refers to internal notes', () => {
    const internal = new RegExp(['fact' + 's? sheet', 'gil-' + 'facts', 'the ' + 'brief'].join('|'), 'i');
    const hits = sources.filter((f) => internal.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('frames commonly written claims as misconceptions, not errata of an article the reader never saw', () => {
    const framing = /\berrat(a|um)\b|\bthe article\b|\barticle's\b/i;
    const hits = pages.filter((f) => framing.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('asks readers to run samples, not project commands', () => {
    const hits = pages.filter((f) => /\bnpm (run|test|start|install)\b/.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});
