/**
 * <gil-timeline>: upgrades the server-rendered figure of GilTimeline.astro into a player. It re-runs
 * the model in the browser and redraws with the same render.ts, so the static and the live figure
 * match. `showTrace(trace)` (or the `trace` property) replays any trace, measured ones included.
 */
import { embeddedDemo } from '../kit/embed.ts';
import { timelineFromQuery, timelineToQuery } from './url.ts';
import { presetParams, type ScenarioParams } from '../../sim/params.ts';
import type { Trace } from '../../sim/types.ts';
import { eventCaption, eventRows, EVENT_ROWS, formatMs, gilPanel, gilTraceOf, panelSummary } from './format.ts';
import { buildTimeline, type BuiltTimeline, type TimelineConfig } from './panels.ts';
import { advance, eventTimes, nextEventTime, previousEventTime, SPEEDS, STEP_DELAY } from './playback.ts';
import {
  layoutTimeline,
  renderCursor,
  renderKeyHtml,
  renderPanelsSvg,
  timeAt,
  type RenderOptions,
  type TimelineLayout,
  type TimelinePanel,
} from './render.ts';
import { shareActions } from '../kit/share.ts';
import { yieldTask } from '../kit/yield-task.ts';

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

function parseConfig(json: string | undefined): TimelineConfig {
  try {
    const value: unknown = JSON.parse(json ?? '{}');
    return typeof value === 'object' && value !== null ? (value as TimelineConfig) : {};
  } catch {
    return {};
  }
}

export class GilTimelineElement extends HTMLElement {
  #config: TimelineConfig = {};
  /** The model parameters on show; null for a replayed trace. */
  #params: ScenarioParams | null = null;
  #panels: readonly TimelinePanel[] = [];
  #title = '';
  #summaries: string[] = [];
  /** The trace the GIL panel follows: the first with GIL traffic (the GIL build when comparing). */
  #gilTrace: Trace | null = null;
  #layout: TimelineLayout | null = null;
  /** The key last written, so that a redraw at the same width leaves the list alone. */
  #key: string | null = null;
  #times: number[] = [];
  #cursor = 0;
  #speed = 1;
  #playing = false;
  #frame = 0;
  #timer = 0;
  #lastFrame: number | null = null;
  /** Which instant the state panel shows, so that it is rebuilt only when that changes. */
  #shownInstant: number | null = null;
  #wired = false;
  #resize = new ResizeObserver(() => {
    const width = this.#width();
    if (this.#layout !== null && width !== undefined && Math.round(width) !== this.#layout.width) this.#draw();
  });

  connectedCallback(): void {
    if (!this.#wired) {
      this.#wired = true;
      // On the timeline's embed page the state comes from the URL query instead.
      const linked = embeddedDemo() === 'timeline' ? timelineFromQuery(new URLSearchParams(location.search)) : null;
      this.#config = linked?.config ?? parseConfig(this.dataset.config);
      this.#wire();
      // A trace set on the element before its code loaded sits in an own property that shadows
      // the accessor: take it over, and let it win over the configuration.
      const early = Object.getOwnPropertyDescriptor(this, 'trace')?.value as Trace | undefined;
      Reflect.deleteProperty(this, 'trace');
      if (early !== undefined) this.showTrace(early);
      // Replays inside the timing lab have no model state to link to.
      if (this.closest('timing-lab') === null) this.after(shareActions('timeline', () => this.#query()));
      // The keyboard hint is true only now that the element handles the keys.
      this.#part('canvas').setAttribute('aria-describedby', this.#part('keys').id);
      // The model's run and the first drawing get a task of their own, so that upgrading never
      // blocks a slow phone for long; the server-rendered controls stay disabled until then.
      void yieldTask().then(() => {
        // Nothing to build when a trace was shown meanwhile or before the element was connected.
        if (this.#panels.length === 0) {
          const built = buildTimeline(this.#config);
          this.#apply(built);
          if (linked !== null) {
            // The server-rendered caption describes the embed page's default run.
            this.#part('caption').textContent = [built.title, built.description].filter(Boolean).join('. ');
            this.#moveCursor(linked.timeMs * 1000);
          }
        }
        this.#part<HTMLFieldSetElement>('ui').disabled = false;
      });
    }
    this.#resize.observe(this.#part('canvas'));
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  disconnectedCallback(): void {
    this.pause();
    this.#resize.disconnect();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** The trace on show (the first one when modes are compared). */
  get trace(): Trace | undefined {
    return this.#panels[0]?.trace;
  }

  set trace(trace: Trace) {
    this.showTrace(trace);
  }

  /** Replays any trace, e.g. one measured by the timing lab; the model's parameters no longer apply. */
  showTrace(trace: Trace, title = trace.source === 'measured' ? 'Measured run' : 'Model run'): void {
    this.#part('params').hidden = true;
    this.#part('caption').textContent = title;
    this.#apply({ panels: [{ trace }], title, description: null, params: null, notices: [] });
  }

  /** Cursor time in µs. */
  get cursor(): number {
    return this.#cursor;
  }

  get playing(): boolean {
    return this.#playing;
  }

  play(): void {
    if (this.#playing) return;
    const end = this.#end();
    if (this.#cursor >= end) this.#moveCursor(0);
    this.#playing = true;
    this.#updatePlayButton();
    if (reducedMotion.matches) {
      // No continuous motion: hop from event to event, each shown long enough to read.
      this.#hop();
    } else {
      this.#lastFrame = null;
      this.#frame = requestAnimationFrame(this.#step);
    }
  }

  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#updatePlayButton();
  }

  #step = (now: number): void => {
    if (!this.#playing) return;
    const elapsed = this.#lastFrame === null ? 0 : now - this.#lastFrame;
    this.#lastFrame = now;
    const end = this.#end();
    this.#moveCursor(advance(this.#cursor, elapsed, this.#speed, end));
    if (this.#cursor >= end) this.pause();
    else this.#frame = requestAnimationFrame(this.#step);
  };

  #hop = (): void => {
    const next = nextEventTime(this.#times, this.#cursor);
    if (next === undefined) {
      this.pause();
      return;
    }
    this.#moveCursor(next);
    if (next >= this.#end()) this.pause();
    else this.#timer = window.setTimeout(this.#hop, STEP_DELAY / this.#speed);
  };

  #onVisibility = (): void => {
    if (document.hidden) this.pause();
  };

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.querySelector<T>(`[data-gt="${name}"]`);
    if (el === null) throw new Error(`<gil-timeline> is missing its [data-gt="${name}"] part`);
    return el;
  }

  #end(): number {
    return this.#layout?.end ?? Math.max(0, ...this.#panels.map((p) => p.trace.end));
  }

  /** The figure's width in CSS pixels; undefined while it is not laid out (render.ts then picks one). */
  #width(): number | undefined {
    return this.#part('canvas').clientWidth || undefined;
  }

  #options(): RenderOptions {
    return {
      cursor: this.#cursor,
      width: this.#width(),
      title: this.#title,
      desc: this.#summaries.join(' '),
      idPrefix: this.dataset.uid ?? 'gt',
      legend: 'html',
    };
  }

  /** The state on show as a URL query: the scenario, the parameters changed from it, the cursor. */
  #query(): URLSearchParams {
    const preset: Partial<ScenarioParams> =
      this.#config.scenario === undefined ? {} : presetParams(this.#config.scenario);
    const changed: Partial<Record<keyof ScenarioParams, unknown>> = {};
    for (const [key, value] of Object.entries(this.#params ?? {}) as [keyof ScenarioParams, unknown][]) {
      if (preset[key] !== value) changed[key] = value;
    }
    return timelineToQuery(this.#config, changed as Partial<ScenarioParams>, this.#cursor / 1000);
  }

  #apply(built: Omit<BuiltTimeline, 'params'> & { params: BuiltTimeline['params'] | null }): void {
    this.pause();
    this.#params = built.params;
    this.#panels = built.panels;
    this.#title = built.title;
    this.#part('canvas').setAttribute('aria-label', `Timeline: ${built.title}`);
    this.#summaries = built.panels.map(panelSummary);
    this.#times = eventTimes(built.panels.map((p) => p.trace));
    this.#gilTrace = gilTraceOf(built.panels);
    this.#cursor = 0;
    this.#shownInstant = null;
    this.#draw();
    this.#writeSummary();
    this.#writeTables();
    const status = this.#part('status');
    const notices = built.notices.join(' ');
    if (status.textContent !== notices) status.textContent = notices;
    if (built.params !== null) {
      for (const input of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) {
        const key = input.dataset.param as keyof typeof built.params;
        input.value = String(built.params[key]);
      }
    }
    const scrub = this.#part<HTMLInputElement>('scrub');
    scrub.max = String(this.#end());
    // About 500 positions: fine enough for a mouse, coarse enough that arrow keys visibly move.
    scrub.step = String(Math.max(1, Math.round(this.#end() / 500)));
    this.#moveCursor(0);
  }

  /** Redraws the whole SVG: when the trace or the width changes, not on every frame. */
  #draw(): void {
    const options = this.#options();
    this.#layout = layoutTimeline(this.#panels, options);
    // render.ts escapes every string it inserts (thread names may come from outside).
    this.#part('canvas').innerHTML = renderPanelsSvg(this.#panels, options);
    // Rewritten only when it changes: the same key would be the same height anyway.
    const key = renderKeyHtml(this.#layout);
    if (key !== this.#key) this.#part('key').innerHTML = key;
    this.#key = key;
  }

  #moveCursor(t: number): void {
    const end = this.#end();
    this.#cursor = Math.min(Math.max(0, t), end);
    const layout = this.#layout;
    const layer = this.querySelector('.gt-cursor');
    if (layout !== null && layer !== null) layer.innerHTML = renderCursor(layout, this.#cursor);
    const scrub = this.#part<HTMLInputElement>('scrub');
    scrub.value = String(this.#cursor);
    const text = `${formatMs(this.#cursor)} of ${formatMs(end)}`;
    scrub.setAttribute('aria-valuetext', text);
    this.#part('time').textContent = text;
    this.#writeState();
  }

  #writeSummary(): void {
    const box = this.#part('summary');
    // A live region: rewriting it with the same words would make screen readers say them again.
    if ([...box.children].map((p) => p.textContent).join('\n') === this.#summaries.join('\n')) return;
    box.replaceChildren(
      ...this.#summaries.map((s) => {
        const p = document.createElement('p');
        p.textContent = s;
        return p;
      }),
    );
  }

  #writeTables(): void {
    const cells = (tag: 'td' | 'th', values: string[]): HTMLTableRowElement => {
      const tr = document.createElement('tr');
      for (const v of values) {
        const cell = document.createElement(tag);
        cell.textContent = v;
        if (tag === 'th') cell.scope = 'col';
        tr.append(cell);
      }
      return tr;
    };
    const tables = this.#panels.map(({ trace, heading }) => {
      const wrap = document.createElement('div');
      wrap.className = 'table-scroll';
      const table = document.createElement('table');
      table.createCaption().textContent = eventCaption(trace, heading);
      table.createTHead().append(cells('th', ['Time', 'Thread', 'Event']));
      const body = table.createTBody();
      for (const row of eventRows(trace, EVENT_ROWS)) body.append(cells('td', [row.time, row.thread, row.what]));
      wrap.append(table);
      return wrap;
    });
    this.#part('tables').replaceChildren(...tables);
  }

  #writeState(): void {
    const shown = this.#panels[0]?.trace;
    if (shown === undefined) return;
    const panel = gilPanel(this.#gilTrace, shown, this.#cursor);
    if (panel.instant === this.#shownInstant) return;
    this.#shownInstant = panel.instant;
    const text = (tag: string, value: string): HTMLElement => {
      const el = document.createElement(tag);
      el.textContent = value;
      return el;
    };
    const dl = this.#part('fields');
    dl.hidden = panel.fields === null;
    this.#part('fields-note').hidden = panel.fields === null;
    dl.replaceChildren(...(panel.fields ?? []).flatMap(([name, value]) => [text('dt', name), text('dd', value)]));
    this.#part('at').textContent = panel.at;
    this.#part('happened').replaceChildren(...panel.happened.map((line) => text('li', line)));
  }

  #updatePlayButton(): void {
    this.#part('play').textContent = this.#playing ? 'Pause' : 'Play';
  }

  #stepTo(t: number | undefined): void {
    this.pause();
    if (t !== undefined) this.#moveCursor(t);
  }

  #rerun(): void {
    const params: Record<string, string> = {};
    for (const input of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) {
      params[input.dataset.param as string] = input.value;
    }
    this.#apply(buildTimeline({ ...this.#config, params }));
  }

  #wire(): void {
    const canvas = this.#part('canvas');
    this.#part('play').addEventListener('click', () => (this.#playing ? this.pause() : this.play()));
    this.#part('prev').addEventListener('click', () => this.#stepTo(previousEventTime(this.#times, this.#cursor)));
    this.#part('next').addEventListener('click', () => this.#stepTo(nextEventTime(this.#times, this.#cursor)));
    this.#part<HTMLInputElement>('scrub').addEventListener('input', (e) => {
      this.#stepTo(Number((e.currentTarget as HTMLInputElement).value));
    });
    this.#part<HTMLSelectElement>('speed').addEventListener('change', (e) => {
      const speed = Number((e.currentTarget as HTMLSelectElement).value);
      this.#speed = SPEEDS.find((s) => s === speed) ?? 1;
    });
    this.#part('reset').addEventListener('click', () => this.#apply(buildTimeline(this.#config)));
    for (const input of this.querySelectorAll('[data-param]')) input.addEventListener('change', () => this.#rerun());

    canvas.addEventListener('keydown', (e) => {
      const actions: Record<string, () => void> = {
        ' ': () => (this.#playing ? this.pause() : this.play()),
        ArrowRight: () => this.#stepTo(nextEventTime(this.#times, this.#cursor)),
        ArrowLeft: () => this.#stepTo(previousEventTime(this.#times, this.#cursor)),
        Home: () => this.#stepTo(0),
        End: () => this.#stepTo(this.#end()),
      };
      const action = actions[e.key];
      if (action === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      action();
    });

    // Clicking or dragging on the figure moves the cursor there.
    const scrubAt = (e: PointerEvent): void => {
      const svg = canvas.querySelector('svg');
      if (svg === null || this.#layout === null) return;
      const box = svg.getBoundingClientRect();
      this.#stepTo(timeAt(this.#layout, ((e.clientX - box.left) * this.#layout.width) / box.width));
    };
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      canvas.setPointerCapture(e.pointerId);
      scrubAt(e);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (canvas.hasPointerCapture(e.pointerId)) scrubAt(e);
    });
  }
}

customElements.define('gil-timeline', GilTimelineElement);

declare global {
  interface HTMLElementTagNameMap {
    'gil-timeline': GilTimelineElement;
  }
}
