import type { APIRoute, GetStaticPaths } from 'astro';
import { listExamples, readExample } from '../../site/examples';

// Every example on the site can be downloaded and run as it is shown.
export const getStaticPaths = (async () =>
  (await listExamples()).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await readExample(params.file!), {
    headers: { 'Content-Type': 'text/x-python; charset=utf-8' },
  });
