/**
 * <timing-lab>: upgrades TimingLab.astro's server-rendered frame. It checks for cross-origin
 * isolation (SharedArrayBuffer needs it), runs the chosen modes one after another in Web Workers,
 * and shows the results: bars, a table, a sentence about this machine, the verdict on the reader's
 * prediction, and the Threads + GIL run replayed on <gil-timeline> beside the model's prediction.
 * The main thread only coordinates: the work and every blocking wait happen in the workers.
 */
import { embeddedDemo } from '../kit/embed.ts';
import { labFromQuery, labToQuery } from './url.ts';
import { embedUrl, shareActions } from '../kit/share.ts';
import { clampSettings, iterations, MODE_NAMES, type LabMode, type LabSettings } from '../../lab/config.ts';
import { analyse, predict, taskCpuOf, type ModeResult, type PredictionInput } from '../../lab/measure.ts';
import { runMode, RunStopped, webWorker } from '../../lab/runner.ts';
import { stats } from '../../sim/summary.ts';
import type { Trace } from '../../sim/types.ts';
import { formatMs } from '../timeline/format.ts';
import { yieldTask } from '../kit/yield-task.ts';
import { explain, judge, modeRows, type Expectation, type Guess } from './report.ts';
import { NOMINAL, predictionCaption, predictionSvg } from './prediction.ts';
import { suffixIds } from '../kit/unique-ids.ts';

const PROGRESS_MS = 250;

function isolated(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

function inFrame(): boolean {
  try {
    return window.top !== window;
  } catch {
    return true;
  }
}

/** Resolves when the tab is visible again, or the run is stopped. */
function untilVisible(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      if (document.hidden && !signal.aborted) return;
      document.removeEventListener('visibilitychange', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    document.addEventListener('visibilitychange', done);
    signal.addEventListener('abort', done);
  });
}

interface Measured extends ModeResult {
  /** The tab was hidden while this mode ran: the browser may have throttled it. */
  readonly unreliable: boolean;
}

export class TimingLabElement extends HTMLElement {
  #wired = false;
  #run: AbortController | null = null;
  #hiddenNow = false;
  /** µs of CPU per million iterations and worker start-up, once a run has measured them. */
  #speed: { usPerMillion: number; startup: number } | null = null;
  #hasRun = false;
  /** The results of the last complete run, in run order (also read by tests and the benchmark). */
  results: readonly Measured[] = [];

  connectedCallback(): void {
    // Removed on every disconnect, so added on every connect (a lab taken out and put back).
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (this.#wired) return;
    this.#wired = true;
    this.#form().addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#start();
    });
    this.#form().addEventListener('change', (e) => {
      if ((e.target as HTMLElement).closest('[data-tl="controls"]') !== null) this.#settle();
    });
    this.#part('stop').addEventListener('click', () => this.stop());
    for (const f of this.querySelectorAll('fieldset')) f.disabled = false;
    // On the lab's embed page the settings come from the URL query.
    if (embeddedDemo() === 'timing-lab') this.#write(labFromQuery(new URLSearchParams(location.search)).settings);
    this.after(shareActions('timing-lab', () => labToQuery(this.#read().settings)));
    if (isolated()) {
      this.#part<HTMLButtonElement>('run').disabled = false;
      this.#offerHelperOff();
    } else {
      this.#explainIsolation();
    }
    // In a task of its own: the model's run for this machine's cores is the costly part of upgrading.
    void yieldTask().then(() => {
      if (!this.#hasRun) this.#drawPrediction(this.#read().settings);
    });
  }

  disconnectedCallback(): void {
    this.stop();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** Terminates every worker of the run in progress at once. */
  stop(): void {
    this.#run?.abort();
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.querySelector<T>(`[data-tl="${name}"]`);
    if (el === null) throw new Error(`<timing-lab> is missing its [data-tl="${name}"] part`);
    return el;
  }

  #form(): HTMLFormElement {
    return this.#part<HTMLFormElement>('form');
  }

  #status(text: string): void {
    this.#part('status').textContent = text;
  }

  #onVisibility = (): void => {
    if (document.hidden && this.#run !== null) this.#hiddenNow = true;
  };

  /** The form's settings, clamped; the fields are corrected, and the notices say why. */
  #read(): { settings: LabSettings; notices: string } {
    const form = this.#form();
    const data = new FormData(form);
    const { settings, notices } = clampSettings({
      modes: data.getAll('modes'),
      tasks: data.get('tasks') ?? undefined,
      work: data.get('work') ?? undefined,
      intervalMs: data.get('intervalMs') ?? undefined,
      io: data.get('io') ?? undefined,
    });
    this.#write(settings);
    return { settings, notices: notices.join(' ') };
  }

  #write(settings: LabSettings): void {
    const form = this.#form();
    for (const name of ['tasks', 'work', 'intervalMs'] as const) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = String(settings[name]);
    }
    const io = form.elements.namedItem('io');
    if (io instanceof HTMLSelectElement) io.value = settings.io ? 'io' : 'cpu';
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="modes"]')) {
      box.checked = settings.modes.includes(box.value as LabMode);
    }
  }

  #settle(): void {
    const { settings, notices } = this.#read();
    this.#status(notices);
    if (!this.#hasRun) this.#drawPrediction(settings);
  }

  #cores(): number {
    const n = navigator.hardwareConcurrency;
    return Number.isInteger(n) && n > 0 ? Math.min(n, 256) : 1;
  }

  #predictionInput(settings: LabSettings): PredictionInput {
    const speed = this.#speed ?? { usPerMillion: NOMINAL.usPerMillion, startup: NOMINAL.startup };
    return {
      settings,
      taskCpu: Math.round(settings.work * speed.usPerMillion),
      cores: this.#cores(),
      startup: speed.startup,
    };
  }

  #drawPrediction(settings: LabSettings): void {
    const input = this.#predictionInput(settings);
    const canvas = this.#part('model');
    canvas.innerHTML = predictionSvg(input, canvas.clientWidth || 720, `${this.dataset.uid ?? 'tl'}-model`);
    this.#part('model-caption').textContent = predictionCaption(input, this.#speed !== null);
  }

  #explainIsolation(): void {
    const box = this.#part('isolation');
    const p = (text: string): HTMLParagraphElement => {
      const el = document.createElement('p');
      el.textContent = text;
      return el;
    };
    const headers = document.createElement('pre');
    headers.textContent = 'Cross-Origin-Opener-Policy: same-origin\nCross-Origin-Embedder-Policy: require-corp';
    const parts: HTMLElement[] = [
      p(
        'The timing lab cannot run here. Its workers share memory (SharedArrayBuffer), and browsers allow that only on pages that are “cross-origin isolated”. This page is not.',
      ),
      p('To isolate its pages, the web host must send these two headers with every page:'),
      headers,
    ];
    if (inFrame()) {
      parts.push(
        p(
          'This page is inside a frame: the page that embeds it must be isolated too, and must allow it with allow="cross-origin-isolated" on the iframe.',
        ),
      );
      const open = document.createElement('a');
      // With the settings of the moment it is followed.
      const link = (): string => embedUrl('timing-lab', labToQuery(this.#read().settings));
      open.href = link();
      open.addEventListener('click', () => (open.href = link()));
      open.target = '_blank';
      open.rel = 'noopener';
      open.dataset.tl = 'open';
      open.textContent = 'Open the timing lab in a new tab, where it can run';
      const line = document.createElement('p');
      line.append(open);
      parts.push(line);
    } else if ('serviceWorker' in navigator && window.isSecureContext && this.dataset.sw !== undefined) {
      parts.push(
        p(
          'Hosts that cannot send headers (GitHub Pages, for one) can still run the lab: this site has a small helper, a service worker that adds the two headers to the site’s own pages.',
        ),
      );
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Turn on the helper and reload';
      button.addEventListener('click', () => void this.#installHelper(button));
      parts.push(button);
    }
    parts.push(
      p('Meanwhile the figure below shows what the model predicts; change the settings to see other predictions.'),
    );
    box.replaceChildren(...parts);
    box.hidden = false;
  }

  async #installHelper(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.#status('Installing the helper…');
    try {
      await navigator.serviceWorker.register(this.dataset.sw as string);
      await navigator.serviceWorker.ready;
      location.reload();
    } catch (error) {
      button.disabled = false;
      this.#status(`The helper could not be installed (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  /** When the helper is what isolates the page, say so and offer to remove it. */
  #offerHelperOff(): void {
    const controller = navigator.serviceWorker?.controller;
    if (controller === null || controller === undefined || !controller.scriptURL.endsWith('/coi-sw.js')) return;
    const box = this.#part('isolation');
    const note = document.createElement('p');
    note.textContent =
      'This page is isolated by the site’s helper service worker, because the host sends no isolation headers.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Turn off the helper and reload';
    button.addEventListener('click', () => {
      void navigator.serviceWorker.getRegistration().then(async (registration) => {
        await registration?.unregister();
        location.reload();
      });
    });
    box.replaceChildren(note, button);
    box.classList.add('tl-info');
    box.hidden = false;
  }

  #setRunning(running: boolean): void {
    this.#part<HTMLFieldSetElement>('controls').disabled = running;
    this.querySelector<HTMLFieldSetElement>('[data-tl="predict"]')?.toggleAttribute('disabled', running);
    const run = this.#part<HTMLButtonElement>('run');
    const stop = this.#part<HTMLButtonElement>('stop');
    const hadFocus = document.activeElement === (running ? run : stop) || document.activeElement === document.body;
    run.disabled = running;
    stop.disabled = !running;
    this.#part('progress-row').hidden = false;
    // Keyboard users keep a focused button: the one they pressed is about to be disabled.
    if (hadFocus) (running ? stop : run).focus();
  }

  async #start(): Promise<void> {
    if (this.#run !== null || !isolated()) return;
    const { settings, notices } = this.#read();
    const controller = new AbortController();
    this.#run = controller;
    this.#setRunning(true);
    const progress = this.#part<HTMLProgressElement>('progress');
    progress.value = 0;
    const done: Measured[] = [];
    try {
      for (const [i, mode] of settings.modes.entries()) {
        if (document.hidden) {
          this.#status(
            'Paused while this tab is hidden: browsers slow hidden tabs down. The run goes on when you come back.',
          );
          await untilVisible(controller.signal);
        }
        if (controller.signal.aborted) throw new RunStopped();
        // Corrections to the settings stay in view while the run uses them.
        this.#status(`${notices} Running ${i + 1} of ${settings.modes.length}: ${MODE_NAMES[mode]}…`.trim());
        this.#hiddenNow = false;
        const run = runMode(mode, settings, webWorker, controller.signal);
        // A few updates a second: every repaint takes CPU from the workers being timed.
        const poll = setInterval(() => {
          progress.value = (i + run.progress()) / settings.modes.length;
        }, PROGRESS_MS);
        try {
          const raw = await run.done;
          await yieldTask();
          done.push({ ...analyse(raw, this.#cores(), settings.intervalMs), unreliable: this.#hiddenNow });
        } finally {
          clearInterval(poll);
        }
      }
      progress.value = 1;
      this.results = done;
      await this.#show(settings, done);
    } catch (error) {
      this.#status(
        error instanceof RunStopped
          ? 'Stopped: every worker was terminated. Change the settings or run again.'
          : `The run failed: ${error instanceof Error ? error.message : String(error)} Nothing is running now; try again, perhaps with less work.`,
      );
    } finally {
      this.#run = null;
      this.#setRunning(false);
    }
  }

  /** Renders the results a piece at a time, so that no step blocks the page for long. */
  async #show(settings: LabSettings, results: readonly Measured[]): Promise<void> {
    const cores = this.#cores();
    const startups = results.filter((r) => r.mode !== 'processes').map((r) => r.startup);
    const processes = results.find((r) => r.mode === 'processes');
    const taskCpu = taskCpuOf(results, settings.tasks);
    this.#speed = {
      usPerMillion: taskCpu / settings.work,
      startup: processes?.startup ?? (startups.length > 0 ? stats(startups).median : NOMINAL.startup),
    };
    const input: PredictionInput = { ...this.#predictionInput(settings), taskCpu };
    const predicted = new Map<LabMode, Trace>(results.map((r) => [r.mode, predict(r.mode, input)]));
    await yieldTask();

    const rows = modeRows(results, new Map([...predicted].map(([mode, trace]) => [mode, trace.end])));
    this.#renderChart(rows, results);
    this.#renderTable(rows, results);
    this.#part('results').hidden = false;
    await yieldTask();

    const unreliable = results.some((r) => r.unreliable);
    const lost = results.some((r) => r.lost > 0);
    const checks = results.every((r) => r.results.every((v) => v === results[0]?.results[0]));
    const notes = [
      unreliable
        ? 'The tab was hidden during the marked modes; browsers slow hidden tabs down, so treat those figures as unreliable.'
        : '',
      lost
        ? 'The run logged more events than the lab keeps, so the replay stops early: use fewer tasks or a longer switch interval.'
        : '',
      checks ? '' : 'The modes computed different sums, which should never happen: please report it.',
    ];
    this.#part('explain').textContent = [explain(results, settings, cores), ...notes].filter(Boolean).join(' ');
    const verdicts = judge(this.#guess(), results, settings, cores).map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    });
    this.#part('verdict').replaceChildren(...verdicts);
    this.#status(
      `Done: ${results.length} ${results.length === 1 ? 'mode' : 'modes'} measured with ${settings.tasks} ${settings.tasks === 1 ? 'task' : 'tasks'} of ${iterations(settings).toLocaleString('en-US')} iterations.`,
    );
    await yieldTask();

    // The GIL run is the one worth replaying; without it, the last mode that ran.
    const replay = results.find((r) => r.mode === 'gil') ?? results[results.length - 1];
    if (replay !== undefined) await this.#replay(replay, predicted.get(replay.mode) as Trace);
    this.#hasRun = true;
    this.#part('model-figure').hidden = true;
  }

  #renderChart(rows: ReturnType<typeof modeRows>, results: readonly Measured[]): void {
    const chart = this.#part('chart');
    chart.replaceChildren(
      ...rows.map((row, i) => {
        const line = document.createElement('div');
        line.className = 'tl-bar-row';
        const label = document.createElement('span');
        label.className = 'tl-bar-label';
        label.textContent = row.name + (results[i]?.unreliable === true ? ' (tab hidden)' : '');
        const bars = document.createElement('span');
        bars.className = 'tl-bars';
        bars.setAttribute('aria-hidden', 'true');
        for (const [cls, pct] of [
          ['tl-bar', row.wallPct],
          ['tl-bar tl-bar-model', row.predictedPct],
        ] as const) {
          const bar = document.createElement('span');
          bar.className = cls;
          bar.style.width = `${pct}%`;
          bars.append(bar);
        }
        const value = document.createElement('span');
        value.className = 'tl-bar-value';
        value.textContent = `${formatMs(row.wall)}${row.speedup === '—' ? '' : `, ${row.speedup}`} (model ${formatMs(row.predicted)})`;
        line.append(label, bars, value);
        return line;
      }),
    );
  }

  #renderTable(rows: ReturnType<typeof modeRows>, results: readonly Measured[]): void {
    const body = this.#part('table').querySelector('tbody') as HTMLTableSectionElement;
    body.replaceChildren(
      ...rows.map((row, i) => {
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = row.name + (results[i]?.unreliable === true ? ' (tab hidden: unreliable)' : '');
        tr.append(th);
        for (const text of [
          formatMs(row.wall),
          row.speedup,
          formatMs(row.predicted),
          row.cpu,
          row.handOffs,
          row.medianHold,
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
  }

  #guess(): Guess {
    const guess: { gil?: Expectation; processes?: Expectation } = {};
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-guess]:checked')) {
      guess[input.dataset.guess as 'gil' | 'processes'] = input.value as Expectation;
    }
    return guess;
  }

  /** The measured run and the model's, each on a <gil-timeline> (loaded now if the page had none). */
  async #replay(result: Measured, model: Trace): Promise<void> {
    await import('../timeline/gil-timeline.ts');
    // Each in a task of its own, so none blocks the page for long on a slow phone: the element's
    // code (which upgrades any other timelines on the page), the two replays, then the layout that
    // focusing the Run button forces.
    await yieldTask();
    const box = this.#part('replay');
    const name = MODE_NAMES[result.mode];
    const show = ([measured, predicted]: Iterable<HTMLElementTagNameMap['gil-timeline']>): void => {
      measured?.showTrace(result.trace, `Measured in this browser: ${name}`);
      predicted?.showTrace(model, `The model's prediction: ${name}`);
    };
    if (box.querySelector('gil-timeline') === null) {
      const template = document.querySelector<HTMLTemplateElement>('template[data-tl="replay-template"]');
      if (template === null) throw new Error('<timing-lab>: the page has no replay template');
      const figures = document.importNode(template.content, true);
      // Every lab on the page clones the same template: give this copy ids of its own.
      suffixIds(figures.querySelectorAll('*'), `-${this.dataset.uid ?? 'tl'}`);
      // The timeline's loader script came along; the element is already loaded.
      for (const script of figures.querySelectorAll('script')) script.remove();
      // Shown before they are connected, the timelines skip their default run and draw without
      // forcing a layout of the page; they redraw at their real width once laid out.
      show(figures.querySelectorAll('gil-timeline'));
      box.append(figures);
    } else {
      show(box.querySelectorAll('gil-timeline'));
    }
    box.hidden = false;
    await yieldTask();
  }
}

customElements.define('timing-lab', TimingLabElement);

declare global {
  interface HTMLElementTagNameMap {
    'timing-lab': TimingLabElement;
  }
}
