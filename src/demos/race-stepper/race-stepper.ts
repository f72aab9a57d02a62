/**
 * <race-stepper>: upgrades RaceStepper.astro's server-rendered first frame into a stepper. All the
 * logic is in machine.ts; this file keeps the controls, the view and the URL hash in step.
 */
import { embeddedDemo } from '../kit/embed.ts';
import { shareActions } from '../kit/share.ts';
import { FREE_THREADED_GROUPS, versionLabel, VERSION_GROUPS, type VersionGroup } from './bytecode.ts';
import { clampStep, formatRaceHash, HASH_KEY, parseRaceHash, raceFromQuery, raceToQuery } from './hash.ts';
import {
  buildRace,
  isForcedSwitch,
  normalizeConfig,
  switchHere,
  type Race,
  type RaceConfig,
  type RaceState,
  type SwitchPoint,
} from './machine.ts';
import { renderStage, sourceCode, stepText, switchControl, versionNote } from './render.ts';

interface ApplyOptions {
  /** Plain-text notices for the status line (hash problems, adjusted settings). */
  readonly notices?: readonly string[];
  /** Write the state to the URL: only after the reader did something. */
  readonly toUrl?: boolean;
}

const sameConfig = (a: RaceConfig, b: RaceConfig): boolean =>
  a.version === b.version && a.switchAt === b.switchAt && a.lock === b.lock && a.freeThreaded === b.freeThreaded;

export class RaceStepperElement extends HTMLElement {
  #initial!: RaceState;
  #state!: RaceState;
  #race!: Race;
  #wired = false;

  connectedCallback(): void {
    if (!this.#wired) {
      this.#wired = true;
      this.#initial = parseRaceHash(`#${HASH_KEY}=${this.dataset.config ?? ''}`)?.state as RaceState;
      this.#state = this.#initial;
      this.#race = buildRace(this.#initial);
      this.#wire();
      // On the stepper's embed page the state comes from the URL query; elsewhere from #race=….
      if (embeddedDemo() === 'race-stepper') {
        const linked = raceFromQuery(new URLSearchParams(location.search));
        this.#apply(linked.state, { notices: linked.notices });
      } else if (!this.#fromHash()) this.#apply(this.#initial);
      this.after(shareActions('race-stepper', () => raceToQuery(this.#state)));
      // The server-rendered controls hold their place, disabled, until now.
      for (const part of ['ui', 'settings']) this.#part<HTMLFieldSetElement>(part).disabled = false;
    }
    addEventListener('hashchange', this.#fromHash);
  }

  disconnectedCallback(): void {
    removeEventListener('hashchange', this.#fromHash);
  }

  /** The state on show (step, version, switch point, lock, free-threading). */
  get state(): RaceState {
    return this.#state;
  }

  #fromHash = (): boolean => {
    const parsed = parseRaceHash(location.hash, this.#initial);
    if (parsed === null) return false;
    this.#apply(parsed.state, { notices: parsed.notices });
    this.scrollIntoView({ block: 'start' });
    return true;
  };

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.querySelector<T>(`[data-rs="${name}"]`);
    if (el === null) throw new Error(`<race-stepper> is missing its [data-rs="${name}"] part`);
    return el;
  }

  #go(step: number): void {
    this.#apply({ ...this.#state, step }, { toUrl: true });
  }

  #wire(): void {
    const last = (): number => this.#race.frames.length - 1;
    this.#part('first').addEventListener('click', () => this.#go(0));
    this.#part('back').addEventListener('click', () => this.#go(Math.max(0, this.#state.step - 1)));
    this.#part('step').addEventListener('click', () => this.#go(Math.min(last(), this.#state.step + 1)));
    this.#part('end').addEventListener('click', () => this.#go(last()));
    this.#part('stage').addEventListener('keydown', (e) => {
      const to = { ArrowRight: this.#state.step + 1, ArrowLeft: this.#state.step - 1, Home: 0, End: last() }[e.key];
      if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      this.#go(Math.min(last(), Math.max(0, to)));
    });
    this.#part('switch-here').addEventListener('click', () => {
      const point = switchHere(this.#race, this.#state.step);
      if (point === null) return;
      this.#apply({ ...this.#state, switchAt: point, step: this.#state.step + 1 }, { toUrl: true });
    });
    this.#part<HTMLSelectElement>('switch').addEventListener('change', (e) => {
      const switchAt = (e.target as HTMLSelectElement).value as SwitchPoint;
      this.#apply({ ...this.#state, switchAt }, { toUrl: true });
    });
    this.#part<HTMLSelectElement>('version').addEventListener('change', (e) => {
      const version = (e.target as HTMLSelectElement).value as VersionGroup;
      this.#apply({ ...this.#state, version }, { toUrl: true });
    });
    // Lock and build change the whole schedule: start again from the first step.
    this.#part<HTMLInputElement>('lock').addEventListener('change', (e) => {
      this.#apply({ ...this.#state, lock: (e.target as HTMLInputElement).checked, step: 0 }, { toUrl: true });
    });
    this.#part<HTMLInputElement>('ft').addEventListener('change', (e) => {
      const freeThreaded = (e.target as HTMLInputElement).checked;
      // Keep "together" meaningful: it is the free-threaded default and impossible with a GIL.
      const switchAt = freeThreaded
        ? 'together'
        : this.#state.switchAt === 'together'
          ? 'after-load'
          : this.#state.switchAt;
      this.#apply({ ...this.#state, freeThreaded, switchAt, step: 0 }, { toUrl: true });
    });
  }

  #apply(wanted: RaceState, options: ApplyOptions = {}): void {
    const notices = [...(options.notices ?? [])];
    const normalized = normalizeConfig(wanted);
    notices.push(...normalized.notices);
    const rebuilt = !sameConfig(normalized.config, this.#race.config);
    if (rebuilt) this.#race = buildRace(normalized.config);
    const clamped = clampStep(normalized.config.step, this.#race.frames.length);
    if (clamped.notice !== null) notices.push(clamped.notice);
    const modeChanged = normalized.config.freeThreaded !== this.#state.freeThreaded;
    this.#state = { ...normalized.config, step: clamped.step };
    this.#render(rebuilt || modeChanged);
    this.#part('status').textContent = notices.join(' ');
    if (options.toUrl) history.replaceState(history.state, '', `#${formatRaceHash(this.#state)}`);
  }

  #render(controls: boolean): void {
    const { step } = this.#state;
    const race = this.#race;
    const last = race.frames.length - 1;
    this.#part('stage').innerHTML = renderStage(race, step);
    this.#part('text').textContent = stepText(race, step);
    this.#part('position').textContent = `Step ${step} of ${last}`;
    for (const [name, off] of [
      ['first', step === 0],
      ['back', step === 0],
      ['step', step === last],
      ['end', step === last],
    ] as const) {
      // aria-disabled rather than disabled, so that focus stays on the button at either end.
      this.#part(name).setAttribute('aria-disabled', String(off));
    }
    const here = switchHere(race, step);
    const hereButton = this.#part('switch-here');
    hereButton.setAttribute('aria-disabled', String(here === null));
    hereButton.textContent = race.config.freeThreaded ? 'Start Thread 2 here' : 'Switch the GIL here';
    if (controls) this.#renderControls();
  }

  /** The settings and everything derived from them: rebuilt only when they change. */
  #renderControls(): void {
    const config = this.#race.config;
    const control = switchControl(config);
    this.#part('switch-label').textContent = control.label;
    const select = this.#part<HTMLSelectElement>('switch');
    select.replaceChildren(...control.options.map((o) => new Option(o.label, o.value)));
    select.value = config.switchAt;
    const version = this.#part<HTMLSelectElement>('version');
    version.replaceChildren(
      ...VERSION_GROUPS.map((g) => {
        const option = new Option(versionLabel(g, config.freeThreaded), g);
        option.disabled = config.freeThreaded && !FREE_THREADED_GROUPS.includes(g);
        return option;
      }),
    );
    version.value = config.version;
    this.#part<HTMLInputElement>('lock').checked = config.lock;
    this.#part<HTMLInputElement>('ft').checked = config.freeThreaded;
    this.#part('source').textContent = sourceCode(config.lock);
    this.#part('note').textContent = versionNote(config);
    this.#part('note').classList.toggle('rs-forced', isForcedSwitch(config));
    this.#part('steps').replaceChildren(
      ...this.#race.frames.map((frame) => {
        const li = document.createElement('li');
        li.textContent = frame.text;
        return li;
      }),
    );
  }
}

if (!customElements.get('race-stepper')) customElements.define('race-stepper', RaceStepperElement);
