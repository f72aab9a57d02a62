import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../sim/trace.ts';
import { getScenario } from '../../sim/scenarios.ts';
import { scenarioFromParams } from '../../sim/params.ts';
import { simulate } from '../../sim/simulate.ts';
import type { TraceEvent } from '../../sim/types.ts';
import {
  layoutTimeline,
  renderCursor,
  renderKeyHtml,
  renderPanelsSvg,
  renderTimelineSvg,
  tickStep,
  timeAt,
  xAt,
} from './render.ts';
import { escapeXml } from '../kit/text.ts';

const counter = simulate(getScenario('counter-4-threads').input);
const text = { title: 'Four threads', desc: 'They take turns.' };

/** Text content of every <text> element, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>(?:<title>[^<]*<\/title>)?([^<]*)<\/text>/g)].map((m) => m[1] as string);
}

describe('renderTimelineSvg', () => {
  const svg = renderTimelineSvg(counter, { ...text, idPrefix: 'fig' });

  it('is an accessible image named by its title and described by its desc', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="fig-title" aria-describedby="fig-desc"/);
    expect(svg).toContain('<title id="fig-title">Four threads</title>');
    expect(svg).toContain('<desc id="fig-desc">They take turns.</desc>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('has one labelled lane per thread and a time axis in ms', () => {
    const labels = texts(svg);
    for (const name of ['Thread-1', 'Thread-2', 'Thread-3', 'Thread-4']) expect(labels).toContain(name);
    expect(labels).toContain('ms');
    // 400 ms of model time: ticks every 100 ms at the default width.
    expect(labels).toEqual(expect.arrayContaining(['0', '100', '200', '300', '400']));
  });

  it('draws each state with its own class, and patterns that are defined in the same SVG', () => {
    expect(svg).toContain('class="gt-running"');
    expect(svg).toContain('class="gt-waiting" fill="url(#fig-hatch)"');
    expect(svg).toContain('<pattern id="fig-hatch"');
    expect(svg).toContain('class="gt-done"');
    // The legend names what is drawn, and nothing that is not.
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(['Running (holds the GIL)', 'Waiting for the GIL', 'Finished']));
    expect(labels).not.toContain('Blocked in I/O');
  });

  it('draws no cursor or GIL token without a cursor, and both with one', () => {
    expect(svg).toContain('<g class="gt-cursor"></g>');
    expect(svg).not.toContain('>GIL</text>');
    const at = renderTimelineSvg(counter, { ...text, cursor: 7_000 });
    expect(at).toContain('<line');
    expect(at).toMatch(/class="gt-badge"[^>]*><rect[^>]*\/><text[^>]*>GIL<\/text>/);
    expect(texts(at)).toContain('GIL holder at the cursor');
  });

  it('puts the GIL token on the lane of the holder at the cursor', () => {
    const layout = layoutTimeline([{ trace: counter }], { ...text, cursor: 0 });
    const laneY = (thread: number) => layout.panels[0]!.lanes[thread]!.y + 13 - 7;
    // Thread-1 holds it from 0 to 5 ms, then Thread-2 (forced switch at 5 ms).
    expect(renderCursor(layout, 2_000)).toContain(` ${laneY(0)})`);
    expect(renderCursor(layout, 6_000)).toContain(` ${laneY(1)})`);
  });

  it('shows no GIL token where no thread ever takes the GIL', () => {
    const free = simulate(getScenario('cpu-bound-4-free-threaded').input);
    const out = renderTimelineSvg(free, { ...text, cursor: 10_000 });
    expect(out).not.toContain('>GIL</text>');
    expect(texts(out)).toContain('Running');
  });

  it('escapes every string it is given', () => {
    const evil = '<script>alert("x")</script>&';
    const trace = buildTrace(
      { source: 'measured', mode: 'gil', cores: 2, switchInterval: 5000, threads: [{ id: 0, name: evil }] },
      [
        { t: 0, thread: 0, kind: 'acquire' },
        { t: 10, thread: 0, kind: 'release', reason: 'finish' },
      ],
    );
    const out = renderTimelineSvg(trace, { title: evil, desc: evil, idPrefix: '"><x' });
    expect(out).not.toContain('<script');
    expect(out).not.toContain('"><x');
    expect(out).toContain('&#60;script&#62;');
    expect(escapeXml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });

  it('shortens long thread names to fit the label column, keeping the full name as a tooltip', () => {
    const name = 'a-very-long-worker-thread-name';
    const trace = buildTrace(
      { source: 'measured', mode: 'gil', cores: 1, switchInterval: 5000, threads: [{ id: 0, name }] },
      [
        { t: 0, thread: 0, kind: 'acquire' },
        { t: 100, thread: 0, kind: 'release', reason: 'finish' },
      ],
    );
    const out = renderTimelineSvg(trace, { ...text, width: 360 });
    expect(out).toContain(`<title>${name}</title>`);
    expect(out).toMatch(/>a-very-l[^<]*…<\/text>/);
  });

  it('renders an empty trace without dividing by zero', () => {
    const empty = buildTrace({ source: 'measured', mode: 'gil', cores: 1, switchInterval: 5000, threads: [] }, []);
    const out = renderTimelineSvg(empty, { ...text, cursor: 0 });
    expect(out).not.toMatch(/NaN|Infinity/);
  });
});

describe('drawing size', () => {
  it('merges adjacent segments in one state into one run', () => {
    const trace = buildTrace(
      { source: 'measured', mode: 'gil', cores: 1, switchInterval: 5000, threads: [{ id: 0, name: 'T' }] },
      // A release and re-acquire at one instant: still one running stretch.
      [
        { t: 0, thread: 0, kind: 'acquire' },
        { t: 500, thread: 0, kind: 'io_start' },
        { t: 500, thread: 0, kind: 'acquire' },
        { t: 1000, thread: 0, kind: 'finish' },
      ],
    );
    const layout = layoutTimeline([{ trace }], text);
    expect(layout.panels[0]!.lanes[0]!.runs.filter((r) => r.look === 'running')).toHaveLength(1);
  });

  it('leaves no hairline seams where a thread gave the GIL away for less than a pixel', () => {
    const convoy = simulate(getScenario('convoy').input);
    const layout = layoutTimeline([{ trace: convoy }], text);
    const cpuLane = layout.panels[0]!.lanes[0]!;
    expect(cpuLane.runs.map((r) => r.look)).toEqual(['running']);
    for (const lane of layout.panels[0]!.lanes) {
      for (const run of lane.runs.slice(0, -1)) expect(run.x1 - run.x0).toBeGreaterThanOrEqual(1 - 1e-9);
    }
    // 100 µs of I/O at a time cannot be seen at this width, so the legend does not promise it.
    expect(texts(renderTimelineSvg(convoy, text))).not.toContain('Blocked in I/O');
  });

  it('keeps the SVG small for a trace of 32,000 segments by pooling sub-pixel segments', () => {
    const events: TraceEvent[] = [];
    for (let i = 0; i < 16_000; i += 1) {
      events.push({ t: i * 100, thread: 0, kind: 'acquire' }, { t: i * 100 + 60, thread: 0, kind: 'io_start' });
    }
    events.push({ t: 1_600_000, thread: 0, kind: 'finish' });
    const trace = buildTrace(
      { source: 'measured', mode: 'gil', cores: 1, switchInterval: 5000, threads: [{ id: 0, name: 'busy' }] },
      events,
    );
    expect(trace.segments.length).toBeGreaterThanOrEqual(32_000);
    const width = 720;
    const runs = layoutTimeline([{ trace }], { ...text, width }).panels[0]!.lanes[0]!.runs;
    expect(runs.length).toBeLessThanOrEqual(width);
    for (const run of runs.slice(0, -1)) expect(run.x1 - run.x0).toBeGreaterThanOrEqual(1 - 1e-9);
    // 60% running: every pooled pixel is drawn as running, so the lane reads as one busy stretch.
    expect(runs.filter((r) => r.look === 'running')).toHaveLength(1);
    expect(renderTimelineSvg(trace, { ...text, width, cursor: 5_000 }).length).toBeLessThan(10_000);
  });

  it('stays under 40 KB for the largest trace the controls can make', () => {
    const { input } = scenarioFromParams({ threads: 8, workload: 'mixed', switchIntervalMs: 0.5 });
    const big = simulate(input);
    expect(big.segments.length).toBeGreaterThan(5_000);
    const svg = renderTimelineSvg(big, { ...text, cursor: 100_000 });
    expect(svg.length).toBeLessThan(40_000);
    expect((svg.match(/<path /g) ?? []).length).toBeLessThan(60);
  });
});

describe('layout', () => {
  it('maps times to x and back', () => {
    const layout = layoutTimeline([{ trace: counter }], { ...text, width: 600 });
    expect(xAt(layout, 0)).toBe(layout.plotLeft);
    expect(xAt(layout, counter.end)).toBe(layout.plotRight);
    expect(timeAt(layout, xAt(layout, 123_000))).toBeCloseTo(123_000, -2);
    expect(timeAt(layout, -50)).toBe(0);
    expect(timeAt(layout, 10_000)).toBe(counter.end);
  });

  it('picks tick steps of 1, 2 or 5 × 10ⁿ', () => {
    expect(tickStep(400_000, 600)).toBe(100_000);
    expect(tickStep(1_604_000, 600)).toBe(500_000);
    expect(tickStep(2_000, 300)).toBe(1_000);
    expect(tickStep(1, 600)).toBe(1);
    // A narrow figure still gets ticks after 0.
    expect(tickStep(480_000, 200)).toBe(200_000);
  });

  it('wraps the legend on narrow figures and makes room for it', () => {
    const wide = layoutTimeline([{ trace: counter }], { ...text, width: 900, cursor: 0 });
    const narrow = layoutTimeline([{ trace: counter }], { ...text, width: 320, cursor: 0 });
    expect(new Set(wide.legend.map((l) => l.y)).size).toBe(1);
    expect(new Set(narrow.legend.map((l) => l.y)).size).toBeGreaterThan(1);
    expect(narrow.height).toBeGreaterThan(wide.height);
  });

  it('with an HTML key, keeps the same height at every width and lists what is drawn', () => {
    const at = (width: number) =>
      layoutTimeline([{ trace: counter }], { ...text, width, legend: 'html', idPrefix: 'k' });
    expect(at(320).height).toBe(at(900).height);
    const svg = renderTimelineSvg(counter, { ...text, legend: 'html' });
    expect(texts(svg)).not.toContain('Finished');
    const key = renderKeyHtml(at(320));
    expect(key.match(/<li/g)).toHaveLength(4);
    expect(key).toContain('<path class="gt-waiting" fill="url(#k-hatch)"');
    expect(key).toMatch(/^<li><svg class="gt-swatch"[^>]*aria-hidden="true">.*<\/svg>Running \(holds the GIL\)<\/li>/);
    // Listed without a cursor too: the script draws the token, and CSS hides the item without one.
    expect(key).toContain('<li class="gt-key-gil">');
    const processes = simulate({ ...getScenario('cpu-bound-4-threads').input, mode: 'processes' });
    expect(renderKeyHtml(layoutTimeline([{ trace: processes }], { ...text, legend: 'html' }))).not.toContain(
      'gt-key-gil',
    );
  });

  it('stacks compared panels on one time scale under their headings', () => {
    const input = getScenario('cpu-bound-4-threads').input;
    const panels = (['gil', 'processes'] as const).map((mode) => ({
      trace: simulate({ ...input, mode }),
      heading: mode,
    }));
    const svg = renderPanelsSvg(panels, text);
    expect(texts(svg)).toEqual(expect.arrayContaining(['gil', 'processes', 'Process start-up']));
    const layout = layoutTimeline(panels, text);
    expect(layout.end).toBe(Math.max(...panels.map((p) => p.trace.end)));
    expect(layout.panels[1]!.lanes[0]!.y).toBeGreaterThan(layout.panels[0]!.lanes[3]!.y);
  });
});
