/** The Web Worker of the timing lab: one thread (or one "process") of a run. */
import { runJob, type Job, type WorkerMessage } from './job.ts';

// The project's TypeScript lib is the DOM one; these are the two worker-scope members used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

scope.onmessage = (event) => {
  const results = runJob(event.data, () => scope.postMessage({ type: 'ready' }));
  scope.postMessage({ type: 'done', results });
};
