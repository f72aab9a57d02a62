/**
 * Draws GIL traces as an SVG string: one lane per thread, a time axis in ms, a legend, and (when a
 * cursor is given) a cursor line with the GIL token on the holder's lane. Pure and DOM-free, so the
 * same code renders the build-time figure and every frame of the browser animation.
 *
 * Colours come from CSS classes (timeline.css reads the --state-* tokens), so both themes work; each
 * state also has its own bar height or pattern, so the lanes read without colour too.
 */
import { gilStateAt } from '../../sim/gilState.ts';
import type { ThreadState, Trace } from '../../sim/types.ts';
import { escapeXml } from '../kit/text.ts';

/** One group of lanes; several share one time axis when modes are compared side by side. */
export interface TimelinePanel {
  readonly trace: Trace;
  /** Shown above the panel's lanes; leave out for a single trace. */
  readonly heading?: string;
}

export interface RenderOptions {
  /** Time in µs of the cursor line and the GIL token; no cursor is drawn without it. */
  readonly cursor?: number;
  /** Width in CSS pixels (also the viewBox width). */
  readonly width?: number;
  readonly title: string;
  readonly desc: string;
  /** Makes pattern and label ids unique when a page has several timelines. */
  readonly idPrefix?: string;
  /**
   * 'html' leaves the legend out of the SVG for renderKeyHtml: HTML wraps with the page, so a
   * figure redrawn at the reader's width keeps the height it was served with. Default 'svg'.
   */
  readonly legend?: 'svg' | 'html';
}

/** Visual classes: 'not-started' draws nothing, the other states one path per lane each. */
type Look = 'running' | 'waiting' | 'io' | 'ready' | 'starting' | 'done';
const LOOKS: readonly Look[] = ['running', 'waiting', 'io', 'ready', 'starting', 'done'];

const LOOK_OF: Record<ThreadState, Look | null> = {
  'not-started': null,
  starting: 'starting',
  ready: 'ready',
  waiting: 'waiting',
  running: 'running',
  io: 'io',
  done: 'done',
};

/** Bar heights differ by state so that grey-scale and colour-blind readers can tell them apart. */
const BAR_HEIGHT: Record<Look, number> = { running: 18, waiting: 12, io: 7, ready: 12, starting: 12, done: 2 };

const LANE = 26;
const TOP = 22; // room for the cursor's time label
const HEADING = 22;
const AXIS = 30;
const LEGEND_ROW = 22;
const RIGHT = 16;
const FONT_WIDTH = 6.6; // average advance of a 12px system-ui glyph, for layout estimates
const DEFAULT_WIDTH = 640;
/** From a legend item's left edge to its label: the widest swatch (the GIL token) plus a gap. */
const SWATCH_GAP = 34;
const MIN_WIDTH = 280;
/** Segments narrower than this are pooled; each pool is drawn in its dominant state. */
const MIN_PX = 1;

/** Rounds to 0.1 px: enough for crisp drawing, and it keeps the path strings short. */
function r(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface Run {
  look: Look | null;
  x0: number;
  x1: number;
}

interface LaneLayout {
  readonly thread: number;
  readonly name: string;
  readonly y: number;
  /** What is drawn on the lane, already merged and pooled to whole pixels. */
  readonly runs: readonly Run[];
}

interface PanelLayout {
  readonly panel: TimelinePanel;
  readonly headingY: number | null;
  readonly lanes: readonly LaneLayout[];
  readonly hasGil: boolean;
}

/** Where everything goes; the browser keeps it to move the cursor and to map clicks to times. */
export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly plotLeft: number;
  readonly plotRight: number;
  readonly plotTop: number;
  readonly plotBottom: number;
  /** The time at the right edge: the longest trace's end. */
  readonly end: number;
  readonly panels: readonly PanelLayout[];
  readonly labelChars: number;
  readonly legend: readonly {
    readonly look: Look | 'gil';
    readonly label: string;
    readonly x: number;
    readonly y: number;
  }[];
  readonly legendInSvg: boolean;
  readonly idPrefix: string;
}

function legendLabel(look: Look | 'gil', panels: readonly TimelinePanel[]): string {
  const allGil = panels.every((p) => p.trace.mode === 'gil');
  switch (look) {
    case 'running':
      return allGil ? 'Running (holds the GIL)' : 'Running';
    case 'waiting':
      return 'Waiting for the GIL';
    case 'io':
      return 'Blocked in I/O';
    case 'ready':
      return 'Ready, no free core';
    case 'starting':
      return 'Process start-up';
    case 'done':
      return 'Finished';
    case 'gil':
      return 'GIL holder at the cursor';
  }
}

function extend(runs: Run[], run: Run): void {
  const last = runs[runs.length - 1];
  if (last !== undefined && last.look === run.look && run.x0 - last.x1 < 0.01) last.x1 = run.x1;
  else runs.push({ ...run });
}

/**
 * One lane's segments as runs of at least MIN_PX: adjacent runs in one state merge, and stretches of
 * sub-pixel segments (a trace can hold tens of thousands) pool into one run in their dominant state.
 * The output is bounded by the lane's width in pixels, whatever the trace's size.
 */
function laneRuns(trace: Trace, thread: number, x: (t: number) => number): Run[] {
  const runs: Run[] = [];
  let pool: { x0: number; x1: number; weight: Map<Look | null, number> } | null = null;
  const flush = (): void => {
    if (pool === null) return;
    let best: Look | null = null;
    let bestWeight = -1;
    for (const [look, w] of pool.weight) {
      if (w > bestWeight) {
        best = look;
        bestWeight = w;
      }
    }
    extend(runs, { look: best, x0: pool.x0, x1: pool.x1 });
    pool = null;
  };
  for (const s of trace.segments) {
    if (s.thread !== thread || s.to <= s.from) continue;
    const run: Run = { look: LOOK_OF[s.state], x0: x(s.from), x1: x(s.to) };
    if (run.x1 - run.x0 < MIN_PX) {
      pool ??= { x0: run.x0, x1: run.x0, weight: new Map() };
      pool.x1 = run.x1;
      pool.weight.set(run.look, (pool.weight.get(run.look) ?? 0) + run.x1 - run.x0);
      if (pool.x1 - pool.x0 >= MIN_PX) flush();
      continue;
    }
    // A pool too thin to show is folded into the wide run after it, so no hairline seam remains.
    if (pool !== null && pool.x1 - pool.x0 < MIN_PX) {
      run.x0 = pool.x0;
      pool = null;
    }
    flush();
    extend(runs, run);
  }
  flush();
  return runs;
}

export function layoutTimeline(panels: readonly TimelinePanel[], options: RenderOptions): TimelineLayout {
  const width = Math.max(MIN_WIDTH, Math.round(options.width ?? DEFAULT_WIDTH));
  const longest = Math.max(4, ...panels.flatMap((p) => p.trace.threads.map((t) => t.name.length)));
  // The label column takes what the names need, but never more than a quarter of a narrow figure.
  const labelChars = Math.min(longest, Math.floor((width * 0.25 - 14) / FONT_WIDTH), 18);
  const plotLeft = Math.round(labelChars * FONT_WIDTH + 14);
  const plotRight = width - RIGHT;
  const end = Math.max(1, ...panels.map((p) => p.trace.end));
  const x = (t: number): number => plotLeft + (Math.min(Math.max(t, 0), end) / end) * (plotRight - plotLeft);

  let y = TOP;
  const present = new Set<Look | 'gil'>();
  const laid: PanelLayout[] = panels.map((panel) => {
    const headingY = panel.heading === undefined ? null : y + 14;
    if (headingY !== null) y += HEADING;
    const lanes = panel.trace.threads.map((t) => {
      const runs = laneRuns(panel.trace, t.id, x);
      for (const run of runs) if (run.look !== null) present.add(run.look);
      const lane = { thread: t.id, name: t.name, y, runs };
      y += LANE;
      return lane;
    });
    const hasGil = panel.trace.events.some((e) => e.kind === 'acquire');
    return { panel, headingY, lanes, hasGil };
  });
  const plotBottom = y;
  y += AXIS;

  // The legend explains what is drawn: states too brief to show at this width are left out. The
  // GIL token needs a cursor; an HTML key lists it anyway, and CSS hides it where no script runs.
  const inSvg = options.legend !== 'html';
  if ((options.cursor !== undefined || !inSvg) && laid.some((p) => p.hasGil)) present.add('gil');
  const legend: { look: Look | 'gil'; label: string; x: number; y: number }[] = [];
  let left = 0;
  let row = 0;
  for (const look of [...LOOKS, 'gil' as const]) {
    if (!present.has(look)) continue;
    const label = legendLabel(look, panels);
    const itemWidth = SWATCH_GAP + label.length * FONT_WIDTH + 18;
    if (left > 0 && left + itemWidth > width - 8) {
      left = 0;
      row += 1;
    }
    legend.push({ look, label, x: left + 4, y: y + row * LEGEND_ROW });
    left += itemWidth;
  }
  const height = y + (inSvg && legend.length > 0 ? (row + 1) * LEGEND_ROW : 0) + 4;
  return {
    width,
    height,
    plotLeft,
    plotRight,
    plotTop: TOP,
    plotBottom,
    end,
    panels: laid,
    labelChars,
    legend,
    legendInSvg: inSvg,
    idPrefix: options.idPrefix ?? 'gt',
  };
}

export function xAt(layout: TimelineLayout, t: number): number {
  return layout.plotLeft + (Math.min(Math.max(t, 0), layout.end) / layout.end) * (layout.plotRight - layout.plotLeft);
}

/** The inverse of xAt, clamped to the run: maps a click or drag on the figure to a time. */
export function timeAt(layout: TimelineLayout, x: number): number {
  const f = (x - layout.plotLeft) / (layout.plotRight - layout.plotLeft);
  return Math.round(Math.min(1, Math.max(0, f)) * layout.end);
}

/** Tick spacing of 1, 2 or 5 × 10ⁿ µs: about one tick per 90 px, and at least two ticks after 0. */
export function tickStep(end: number, plotWidth: number): number {
  const target = Math.max(2, Math.floor(plotWidth / 90));
  const raw = Math.max(1, end / target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = [magnitude / 2, magnitude, 2 * magnitude, 5 * magnitude, 10 * magnitude];
  let i = steps.findIndex((step) => step >= raw);
  while (i > 0 && end / (steps[i] as number) < 2) i -= 1;
  return Math.max(1, steps[i] as number);
}

function msLabel(t: number, step: number): string {
  const decimals = step >= 1000 ? 0 : Math.min(3, Math.ceil(-Math.log10(step / 1000)));
  return (t / 1000).toFixed(decimals);
}

function truncate(name: string, chars: number): string {
  return name.length <= chars ? name : `${name.slice(0, Math.max(1, chars - 1))}…`;
}

function barPath(runs: readonly Run[], look: Look, mid: number): string {
  const h = BAR_HEIGHT[look];
  const top = r(mid - h / 2);
  let d = '';
  let last: number | null = null;
  for (const run of runs) {
    if (run.look !== look) continue;
    const x = r(run.x0);
    const w = r(run.x1 - run.x0);
    // After z the pen is back at the last bar's corner: a move relative to it repeats whenever the
    // threads switch at a steady pace, which keeps the page's HTML small once gzipped.
    d += `${last === null ? `M${x} ${top}` : `m${r(x - last)} 0`}h${w}v${h}h${-w}z`;
    last = x;
  }
  return d;
}

function fillOf(look: Look, id: string): string {
  if (look === 'waiting') return ` fill="url(#${id}-hatch)"`;
  if (look === 'starting') return ` fill="url(#${id}-stripes)"`;
  return '';
}

function swatch(look: Look | 'gil', x: number, y: number, id: string): string {
  if (look === 'gil') return badge(x, y - 7);
  const h = BAR_HEIGHT[look];
  return `<path class="gt-${look}"${fillOf(look, id)} d="M${r(x)} ${r(y - h / 2)}h22v${h}h-22z"/>`;
}

/** The GIL token: a small labelled badge, drawn on the holder's lane and in the legend. */
function badge(x: number, y: number): string {
  return (
    `<g class="gt-badge" transform="translate(${r(x)} ${r(y)})">` +
    '<rect width="28" height="14" rx="3"/><text x="14" y="11" text-anchor="middle">GIL</text></g>'
  );
}

/** The part that moves: cursor line, its time label and the GIL token(s). */
export function renderCursor(layout: TimelineLayout, cursor: number): string {
  const x = r(xAt(layout, cursor));
  const labelX = r(Math.min(Math.max(x, layout.plotLeft + 24), layout.plotRight - 24));
  const step = tickStep(layout.end, layout.plotRight - layout.plotLeft);
  let out =
    `<line x1="${x}" x2="${x}" y1="${layout.plotTop - 4}" y2="${layout.plotBottom}"/>` +
    `<text x="${labelX}" y="${layout.plotTop - 8}" text-anchor="middle">${msLabel(cursor, step / 10)} ms</text>`;
  for (const p of layout.panels) {
    if (!p.hasGil) continue;
    const holder = gilStateAt(p.panel.trace, cursor).holder;
    const lane = p.lanes.find((l) => l.thread === holder);
    if (lane === undefined) continue;
    const bx = Math.min(Math.max(x - 14, layout.plotLeft), layout.plotRight - 28);
    out += badge(bx, lane.y + LANE / 2 - 7);
  }
  return out;
}

function defs(id: string): string {
  return (
    '<defs>' +
    `<pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    '<rect class="gt-waiting-bg" width="6" height="6"/><path class="gt-waiting-line" d="M0 0v6"/></pattern>' +
    `<pattern id="${id}-stripes" width="4" height="4" patternUnits="userSpaceOnUse">` +
    '<path class="gt-starting-line" d="M1 0v4"/></pattern>' +
    '</defs>'
  );
}

/** Several traces on one time scale (e.g. the same work under each mode), in one SVG. */
export function renderPanelsSvg(panels: readonly TimelinePanel[], options: RenderOptions): string {
  const layout = layoutTimeline(panels, options);
  const id = escapeXml(layout.idPrefix);
  const { width, height, plotLeft, plotRight, plotTop, plotBottom } = layout;
  const out: string[] = [
    `<svg class="gt-svg" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.desc)}</desc>`,
    defs(id),
  ];

  // Back to front: lane tints, grid, then bars and labels on top.
  // Every other lane gets a tint, so a long lane is easy to follow across the figure: one path.
  const zebra = layout.panels
    .flatMap((p) => p.lanes)
    .filter((_, i) => i % 2 === 1)
    .map((lane) => `M0 ${lane.y}h${width}v${LANE}h-${width}z`)
    .join('');
  if (zebra !== '') out.push(`<path class="gt-zebra" d="${zebra}"/>`);

  const step = tickStep(layout.end, plotRight - plotLeft);
  let ticks = '';
  let labels = '';
  for (let t = 0; t <= layout.end; t += step) {
    const x = r(xAt(layout, t));
    ticks += `M${x} ${plotTop}V${plotBottom + 5}`;
    labels += `<text x="${x}" y="${plotBottom + 18}" text-anchor="middle">${msLabel(t, step)}</text>`;
  }
  out.push(
    `<g class="gt-axis"><path class="gt-grid" d="${ticks}"/>` +
      `<path class="gt-baseline" d="M${plotLeft} ${plotBottom}H${plotRight}"/>${labels}` +
      `<text class="gt-unit" x="${plotLeft - 8}" y="${plotBottom + 18}" text-anchor="end">ms</text></g>`,
  );

  for (const p of layout.panels) {
    if (p.headingY !== null && p.panel.heading !== undefined) {
      out.push(`<text class="gt-heading" x="4" y="${p.headingY}">${escapeXml(p.panel.heading)}</text>`);
    }
    for (const lane of p.lanes) {
      const mid = lane.y + LANE / 2;
      const shown = truncate(lane.name, layout.labelChars);
      const full = shown === lane.name ? '' : `<title>${escapeXml(lane.name)}</title>`;
      out.push(
        `<text class="gt-label" x="${plotLeft - 8}" y="${mid + 4}" text-anchor="end">${full}${escapeXml(shown)}</text>`,
      );
      for (const look of LOOKS) {
        const d = barPath(lane.runs, look, mid);
        if (d !== '') out.push(`<path class="gt-${look}"${fillOf(look, id)} d="${d}"/>`);
      }
    }
  }

  for (const item of layout.legendInSvg ? layout.legend : []) {
    out.push(
      `<g class="gt-legend">${swatch(item.look, item.x, item.y + 10, id)}` +
        `<text x="${r(item.x + SWATCH_GAP)}" y="${item.y + 14}">${escapeXml(item.label)}</text></g>`,
    );
  }

  out.push(`<g class="gt-cursor">${options.cursor === undefined ? '' : renderCursor(layout, options.cursor)}</g>`);
  out.push('</svg>');
  return out.join('');
}

/**
 * The legend of a figure drawn with `legend: 'html'`, as list items for its <ul class="gt-key">.
 * The swatches use the figure's patterns (ids are document-wide), so it must be on the same page.
 */
export function renderKeyHtml(layout: TimelineLayout): string {
  const id = escapeXml(layout.idPrefix);
  return layout.legend
    .map(
      (item) =>
        `<li${item.look === 'gil' ? ' class="gt-key-gil"' : ''}>` +
        `<svg class="gt-swatch" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true">${swatch(item.look, 0, 8, id)}</svg>` +
        `${escapeXml(item.label)}</li>`,
    )
    .join('');
}

export function renderTimelineSvg(trace: Trace, options: RenderOptions): string {
  return renderPanelsSvg([{ trace }], options);
}
