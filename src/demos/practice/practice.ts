/**
 * The practice page's elements: <practice-hints>, <practice-quiz> and <practice-progress>. Each
 * upgrades static markup that already reads well without JavaScript (Hints.astro, Quiz.astro,
 * PracticeProgress.astro). Progress goes through progress.ts; the elements hear about changes
 * and resets through document events, so any number of them can share a page.
 */
import { hintButtonText, scoreText, verdict } from './feedback.ts';
import {
  CHANGE_EVENT,
  clearProgress,
  describeProgress,
  readProgress,
  RESET_EVENT,
  storageWorks,
  withAnswer,
  withHints,
  writeProgress,
  type Progress,
} from './progress.ts';

function save(update: (p: Progress) => Progress): void {
  writeProgress(update(readProgress()));
  document.dispatchEvent(new CustomEvent(CHANGE_EVENT));
}

function part<T extends HTMLElement = HTMLElement>(host: HTMLElement, attr: string, name: string): T {
  const el = host.querySelector<T>(`[${attr}="${name}"]`);
  if (el === null) throw new Error(`<${host.localName}> is missing its [${attr}="${name}"] part`);
  return el;
}

class PracticeHints extends HTMLElement {
  #items: HTMLElement[] = [];
  #list: HTMLElement | null = null;
  #shown = 0;

  connectedCallback(): void {
    if (this.#list !== null) return;
    const details = part(this, 'data-hints', 'details');
    const list = details.querySelector<HTMLElement>('ul, ol');
    if (list === null) return;
    this.#list = list;
    this.#items = [...list.children] as HTMLElement[];
    list.classList.add('hints-list');
    details.replaceWith(list);
    const button = part(this, 'data-hints', 'next');
    button.addEventListener('click', () => {
      if (this.#shown >= this.#items.length) return;
      this.#show(this.#shown + 1, true);
      save((p) => withHints(p, this.#key, this.#shown));
    });
    document.addEventListener(RESET_EVENT, () => this.#show(0, false));
    this.#show(readProgress().hints[this.#key] ?? 0, false);
    part(this, 'data-hints', 'ui').hidden = false;
  }

  get #key(): string {
    return this.dataset.key ?? 'hints';
  }

  #show(count: number, announce: boolean): void {
    const total = this.#items.length;
    this.#shown = Math.min(Math.max(0, count), total);
    this.#items.forEach((li, i) => (li.hidden = i >= this.#shown));
    if (this.#list) this.#list.hidden = this.#shown === 0;
    const button = part(this, 'data-hints', 'next');
    button.textContent = hintButtonText(this.#shown, total);
    button.setAttribute('aria-disabled', String(this.#shown >= total));
    const latest = this.#items[this.#shown - 1];
    part(this, 'data-hints', 'status').textContent =
      announce && latest ? `Hint ${this.#shown} of ${total}: ${latest.textContent ?? ''}` : '';
  }
}

class PracticeQuiz extends HTMLElement {
  #labels: Record<string, string> = {};
  #wired = false;

  connectedCallback(): void {
    if (this.#wired) return;
    this.#wired = true;
    for (const label of this.querySelectorAll<HTMLElement>('.quiz-q:first-child .quiz-choice')) {
      const value = label.querySelector('input')?.value;
      if (value) this.#labels[value] = label.textContent?.trim() ?? value;
    }
    const answers = readProgress().answers;
    for (const q of this.#questions()) {
      q.addEventListener('change', (e) => {
        const input = e.target as HTMLInputElement;
        this.#answer(q, input.value, true);
        save((p) => withAnswer(p, this.#keyOf(q), input.value));
      });
      const saved = answers[this.#keyOf(q)];
      const radio =
        saved === undefined ? null : q.querySelector<HTMLInputElement>(`input[value="${CSS.escape(saved)}"]`);
      if (radio) {
        radio.checked = true;
        this.#answer(q, radio.value, false);
      }
    }
    document.addEventListener(RESET_EVENT, this.#reset);
    this.#score();
    part(this, 'data-quiz', 'static').hidden = true;
    part(this, 'data-quiz', 'live').hidden = false;
  }

  #questions(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.quiz-q')];
  }

  #keyOf(q: HTMLElement): string {
    return `${this.dataset.key ?? 'quiz'}/${q.dataset.q ?? ''}`;
  }

  #answer(q: HTMLElement, chosen: string, announce: boolean): void {
    const answer = q.dataset.answer ?? '';
    const right = chosen === answer;
    q.dataset.result = right ? 'right' : 'wrong';
    const text = verdict(chosen, answer, this.#labels);
    part(q, 'data-q', 'verdict').textContent = text;
    const trap = q.querySelector<HTMLElement>('[data-q="trap"]');
    if (trap) trap.hidden = right;
    part(q, 'data-q', 'feedback').hidden = false;
    this.#score();
    if (announce) {
      const why = part(q, 'data-q', 'why').textContent ?? '';
      part(this, 'data-quiz', 'status').textContent =
        `${text} ${why}${trap && !right ? ` ${trap.textContent ?? ''}` : ''}`;
    }
  }

  #score(): void {
    const qs = this.#questions();
    const answered = qs.filter((q) => q.dataset.result !== undefined);
    const right = answered.filter((q) => q.dataset.result === 'right').length;
    part(this, 'data-quiz', 'score').textContent = scoreText(right, answered.length, qs.length);
  }

  #reset = (): void => {
    for (const q of this.#questions()) {
      delete q.dataset.result;
      q.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = false));
      part(q, 'data-q', 'feedback').hidden = true;
    }
    part(this, 'data-quiz', 'status').textContent = '';
    this.#score();
  };
}

class PracticeProgress extends HTMLElement {
  #wired = false;

  connectedCallback(): void {
    if (this.#wired) return;
    this.#wired = true;
    part(this, 'data-progress', 'reset').addEventListener('click', () => {
      clearProgress();
      document.dispatchEvent(new CustomEvent(RESET_EVENT));
      this.#render();
      part(this, 'data-progress', 'status').textContent = 'Progress reset: all hints hidden and all answers cleared.';
    });
    document.addEventListener(CHANGE_EVENT, () => this.#render());
    this.#render();
  }

  #render(): void {
    part(this, 'data-progress', 'summary').textContent = storageWorks()
      ? describeProgress(readProgress())
      : 'This browser is not keeping anything (storage is blocked), so answers and hints last only until you leave the page.';
  }
}

for (const [name, element] of [
  ['practice-hints', PracticeHints],
  ['practice-quiz', PracticeQuiz],
  ['practice-progress', PracticeProgress],
] as const) {
  if (!customElements.get(name)) customElements.define(name, element);
}
