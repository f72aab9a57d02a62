/**
 * The timing lab's settings in URL queries (embeds and share links), parsed and validated here
 * only; notices are plain text, like the timeline's.
 */
import { clampSettings, LAB_MODES, type LabSettings } from '../../lab/config.ts';
import { quote } from '../../sim/coerce.ts';

export interface LabUrlState {
  readonly settings: LabSettings;
  readonly notices: string[];
}

/** Keys: modes (comma-separated), tasks, work (million iterations), interval (ms), io (io|cpu). */
export function labFromQuery(query: URLSearchParams): LabUrlState {
  const modes = query.get('modes');
  const io = query.get('io');
  const { settings, notices } = clampSettings({
    modes: modes === null ? undefined : modes.split(','),
    tasks: query.get('tasks') ?? undefined,
    work: query.get('work') ?? undefined,
    intervalMs: query.get('interval') ?? undefined,
    io: io === null ? undefined : io === 'io',
  });
  if (io !== null && io !== 'io' && io !== 'cpu') notices.push(`io: ${quote(io)} should be io or cpu; using cpu.`);
  return { settings, notices };
}

export function labToQuery(settings: LabSettings): URLSearchParams {
  const query = new URLSearchParams();
  if (settings.modes.length !== LAB_MODES.length) query.set('modes', settings.modes.join(','));
  query.set('tasks', String(settings.tasks));
  query.set('work', String(settings.work));
  query.set('interval', String(settings.intervalMs));
  query.set('io', settings.io ? 'io' : 'cpu');
  return query;
}
