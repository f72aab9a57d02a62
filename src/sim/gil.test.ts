import { describe, expect, it } from 'vitest';
import { gilStateAt } from './gilState.ts';
import { simulate } from './simulate.ts';
import { cCall, cpu, io } from './steps.ts';
import type { SimInput, TraceEvent } from './types.ts';

function lines(input: SimInput, until = Infinity): string[] {
  return simulate(input)
    .events.filter((e) => e.t <= until)
    .map((e: TraceEvent) => `${e.t} T${e.thread} ${e.kind}${e.kind === 'release' ? ` ${e.reason}` : ''}`);
}

describe('GIL mode', () => {
  it('plays the cheat-sheet hand-off: wait an interval, request, forced drop, swap roles', () => {
    const input: SimInput = { mode: 'gil', threads: [{ steps: [cpu(12_000)] }, { steps: [cpu(12_000)] }] };
    expect(lines(input, 10_000)).toEqual([
      '0 T0 start',
      '0 T1 start',
      '0 T0 acquire', // locked == 0: taken at once
      '0 T1 wait', // timed wait on cond
      '5000 T1 drop_request', // timed out, switch_number unchanged
      '5000 T0 release forced', // next eval-breaker check
      '5000 T1 acquire', // switch_number 2
      '5000 T0 wait', // FORCE_SWITCHING: back to take_gil as a waiter
      '10000 T0 drop_request',
      '10000 T1 release forced',
      '10000 T0 acquire',
      '10000 T1 wait',
    ]);
  });

  it('drops the GIL only at the next eval-breaker check point', () => {
    const input: SimInput = {
      mode: 'gil',
      switchInterval: 1000,
      checkEvery: 300,
      threads: [{ steps: [cpu(5000)] }, { steps: [cpu(5000)] }],
    };
    const out = lines(input, 2400);
    // Request at 1000; T0's checks fall at 900 and 1200.
    expect(out).toContain('1000 T1 drop_request');
    expect(out).toContain('1200 T0 release forced');
    // T1 ran 1000 µs by 2200, so its phase is 100: next check at 2400.
    expect(out).toContain('2200 T0 drop_request');
    expect(out).toContain('2400 T1 release forced');
  });

  it('keeps the GIL for a whole long C call, whatever the waiter asks', () => {
    const input: SimInput = {
      mode: 'gil',
      threads: [{ steps: [cCall(20_000), cpu(1000)] }, { steps: [cpu(1000)] }],
    };
    const out = lines(input, 20_000);
    // The waiter keeps timing out with no switch, so it asks again every interval.
    for (const t of [5000, 10_000, 15_000, 20_000]) expect(out).toContain(`${t} T1 drop_request`);
    // Returning from the call is a check point.
    expect(out.filter((l) => l.includes('release'))).toEqual(['20000 T0 release forced']);
  });

  it('restarts the interval, without a request, when a switch happened meanwhile', () => {
    const input: SimInput = { mode: 'gil', threads: [0, 1, 2].map(() => ({ steps: [cpu(30_000)] })) };
    const out = lines(input, 10_000);
    // T2 began waiting at 0 with switch_number 1; by 10000 it is 2, so T2 stays quiet while T0,
    // which began waiting at 5000, asks.
    expect(out).toContain('10000 T0 drop_request');
    expect(out).not.toContain('10000 T2 drop_request');
    // The release wakes the waiter that has waited longest.
    expect(out).toContain('10000 T2 acquire');
  });

  it('releases the GIL voluntarily for I/O and takes it back when it is free', () => {
    const input: SimInput = { mode: 'gil', threads: [{ steps: [cpu(100), io(1000), cpu(100)] }] };
    expect(lines(input)).toEqual([
      '0 T0 start',
      '0 T0 acquire',
      '100 T0 release io',
      '100 T0 io_start',
      '1100 T0 io_end',
      '1100 T0 acquire',
      '1200 T0 release finish',
      '1200 T0 finish',
    ]);
    // Same thread as last_holder: no switch.
    const trace = simulate(input);
    expect(gilStateAt(trace, 1150)).toMatchObject({ holder: 0, switchNumber: 1, lastHolder: 0 });
    expect(gilStateAt(trace, 500)).toMatchObject({ holder: null, lastHolder: 0 });
  });

  it('hands the GIL to a waiter at once when the holder blocks, with no drop request', () => {
    const out = lines({
      mode: 'gil',
      threads: [{ steps: [cpu(1000), io(50_000)] }, { steps: [cpu(1000)] }],
    });
    expect(out.slice(4, 7)).toEqual(['1000 T0 release io', '1000 T1 acquire', '1000 T0 io_start']);
    expect(out.some((l) => l.includes('drop_request'))).toBe(false);
  });

  it('makes a thread that returns from I/O wait for a CPU-bound holder: the convoy', () => {
    const out = lines({
      mode: 'gil',
      threads: [{ steps: [cpu(1000), io(200), cpu(10)] }, { steps: [cpu(50_000)] }],
    });
    expect(out).toContain('1200 T0 io_end');
    expect(out).toContain('1200 T0 wait');
    expect(out).toContain('6200 T0 drop_request');
    expect(out).toContain('6200 T0 acquire');
  });

  it('rejects malformed input', () => {
    expect(() => simulate({ mode: 'gil', threads: [{ steps: [cpu(1.5)] }] })).toThrow(RangeError);
    expect(() => simulate({ mode: 'gil', switchInterval: 0, threads: [] })).toThrow(RangeError);
    expect(() => simulate({ mode: 'gil', ftOverhead: Number.NaN, threads: [] })).toThrow(RangeError);
  });
});
