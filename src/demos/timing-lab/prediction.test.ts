import { describe, expect, it } from 'vitest';
import { LAB_DEFAULTS } from '../../lab/config.ts';
import { nominalInput, predictionCaption, predictionPanels, predictionSvg } from './prediction.ts';

describe('the model’s prediction for the lab', () => {
  const input = nominalInput(LAB_DEFAULTS);

  it('has one panel per chosen mode, headed by its name', () => {
    expect(predictionPanels(input).map((p) => p.heading)).toEqual([
      'Sequential',
      'Threads + GIL',
      'Free-threaded',
      'Processes',
    ]);
    expect(predictionPanels(nominalInput({ ...LAB_DEFAULTS, modes: ['gil'] }))).toHaveLength(1);
  });

  it('says what it assumed, or what was measured', () => {
    expect(predictionCaption(input, false)).toBe(
      'What the model predicts: 4 tasks of cpu_bound(50 million) on 4 cores, switch interval 5 ms, assuming about 50 ms of CPU per task and 30 ms to start a worker.',
    );
    expect(predictionCaption({ ...input, cores: 1, taskCpu: 42_000 }, true)).toContain(
      'on 1 core, switch interval 5 ms, at the speed measured in your last run (42 ms of CPU per task',
    );
  });

  it('draws an SVG figure with a title and a text description', () => {
    const svg = predictionSvg(input, 600, 'x');
    expect(svg).toMatch(/^<svg class="gt-svg"/);
    expect(svg).toContain('<title id="x-title">The model’s prediction for each mode</title>');
    expect(svg).toContain('Threads + GIL: 4 threads with the GIL');
  });
});
