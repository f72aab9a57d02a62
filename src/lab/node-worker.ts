/** worker.ts for Node's worker_threads, so that the tests run the runner with real threads. */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job, type WorkerMessage } from './job.ts';

const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
parentPort?.on('message', (job: Job) => {
  const results = runJob(job, () => post({ type: 'ready' }));
  post({ type: 'done', results });
});
