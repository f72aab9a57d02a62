/**
 * Checks the GIL model against real CPython: `npm run validate:model` runs record_threads.py with
 * 1, 2 and 4 CPU-bound threads and compares each run with the model (compare.ts). Exits 1 if a
 * check fails.
 *
 *   npm run validate:model                          # the machine's python3
 *   npm run validate:model -- --python ~/.pyenv/versions/3.9.18/bin/python3 [--python …]
 *   npm run validate:model -- --switch-interval-us 2000
 *   npm run validate:model -- --recorded            # the committed recordings, no Python needed
 *   npm run validate:model -- --record              # re-record src/sim/recorded/ (= npm run record:traces)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CPU_BOUND_TASK } from '../../src/sim/scenarios.ts';
import { formatReport, RECORDED_VERSIONS, type Recording } from '../../src/sim/compare.ts';
import { pythonVersion, recordChecked, type Attempt, type RecordOptions } from './record.ts';
import { pyenvPython } from '../pyenv.ts';

const RECORDED_DIR = fileURLToPath(new URL('../../src/sim/recorded', import.meta.url));

/** The committed recordings mirror the 'cpu-bound-4-threads' scenario, so a page can set them side by side. */
const COMMITTED: Omit<RecordOptions, 'date'> = { threads: 4, workMs: CPU_BOUND_TASK / 1000, maxSlices: 120 };

function header(r: Recording, label: string): string {
  const build = r.gilEnabled ? 'GIL build' : 'free-threaded, GIL off';
  const load = r.load === undefined ? '' : ` · load ${r.load}`;
  const usable = r.usableCores !== undefined && r.usableCores !== r.cores ? ` (${r.usableCores} usable)` : '';
  return `${r.implementation} ${r.version} (${label}) · ${build} · ${r.cores} cores${usable} · switch interval ${r.switchInterval / 1000} ms${load}`;
}

/** The last attempt in full, and what made the earlier ones fail. */
function line(attempts: readonly Attempt[]): string {
  const last = attempts[attempts.length - 1] as Attempt;
  const failed = (a: Attempt): string =>
    a.report.checks
      .filter((c) => !c.pass)
      .map((c) => `${c.name} ${c.ratio.toFixed(2)}×`)
      .join(', ');
  const earlier = attempts.slice(0, -1).map(failed);
  const tries = earlier.length > 0 ? ` (attempt ${attempts.length}; earlier failed: ${earlier.join('; ')})` : '';
  return `  ${formatReport(last.report)}${tries}`;
}

function validatePython(python: string, attempts: number, switchIntervalUs: number | undefined): boolean {
  if (pythonVersion(python) === undefined) {
    console.error(`${python}: not found or does not run`);
    return false;
  }
  let ok = true;
  let first = true;
  for (const threads of [1, 2, 4]) {
    const runs = recordChecked(python, { threads, switchIntervalUs }, attempts);
    const last = runs[runs.length - 1] as Attempt;
    if (first) console.log(header(last.recording, python));
    first = false;
    console.log(line(runs));
    ok &&= last.report.pass;
  }
  return ok;
}

async function showRecorded(): Promise<boolean> {
  // Imported here, not at the top: --record must work before the files exist.
  const { recordedTrace } = await import('../../src/sim/recorded/index.ts');
  let ok = true;
  for (const version of RECORDED_VERSIONS) {
    const { meta, report } = recordedTrace(version);
    console.log(header({ ...meta, slices: [] }, `src/sim/recorded/cpython-${version}.json, ${meta.date}`));
    console.log(`  ${formatReport(report)}`);
    ok &&= report.pass;
  }
  return ok;
}

/** Pretty JSON, but one line per slice, so the committed files stay short and diff well. */
function serialize(rec: Recording): string {
  const { slices, ...rest } = rec;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  return `${head},\n  "slices": [\n${slices.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}

function recordAll(attempts: number): boolean {
  const date = new Date().toISOString().slice(0, 10);
  let ok = true;
  for (const minor of RECORDED_VERSIONS) {
    const python = pyenvPython(minor);
    if (python === undefined || pythonVersion(python) === undefined) {
      console.log(`CPython ${minor}: MISSING (no ~/.pyenv/versions/${minor}.*); kept the committed file, if any`);
      continue;
    }
    const runs = recordChecked(python, { ...COMMITTED, date }, attempts);
    const last = runs[runs.length - 1] as Attempt;
    console.log(header(last.recording, python));
    console.log(line(runs));
    if (!last.report.pass) {
      console.log(`  not written: the checks failed ${runs.length} times (is the machine busy?)`);
      ok = false;
      continue;
    }
    const file = join(RECORDED_DIR, `cpython-${minor}.json`);
    writeFileSync(file, serialize(last.recording));
    console.log(`  wrote ${file}`);
  }
  return ok;
}

const { values } = parseArgs({
  options: {
    python: { type: 'string', multiple: true },
    'switch-interval-us': { type: 'string' },
    attempts: { type: 'string', default: '3' },
    record: { type: 'boolean', default: false },
    recorded: { type: 'boolean', default: false },
  },
});
const attempts = Math.max(1, Number(values.attempts));
const interval = values['switch-interval-us'] === undefined ? undefined : Number(values['switch-interval-us']);

let ok = true;
if (values.record) {
  ok = recordAll(attempts);
} else if (values.recorded) {
  ok = await showRecorded();
} else {
  for (const python of values.python ?? ['python3']) ok = validatePython(python, attempts, interval) && ok;
}
console.log(
  ok
    ? 'model matches CPython'
    : 'MODEL DOES NOT MATCH CPYTHON (see FAIL above). Slices stretched to whole kernel ticks (4, 8, 12 ms at ' +
        'HZ=250) mean the woken waiter found no idle core and waited for the next tick to preempt: a busy ' +
        'machine, or a single usable core. The model assumes wake-ups cost nothing.',
);
process.exitCode = ok ? 0 : 1;
