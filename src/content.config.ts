import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const docs = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/docs' }),
  schema: z.object({
    title: z.string(),
    /** Shorter label for the sidebar and pagination; defaults to the title. */
    navTitle: z.string().optional(),
    description: z.string().min(50).max(170),
    /** Position in the reading order (Introduction first, Practice Problems last). */
    order: z.number().int().positive(),
    /** When the page's facts were last checked, and against which CPython (sources and builds run). */
    checked: z.object({
      date: z.coerce.date(),
      against: z.string().min(20),
    }),
  }),
});

export const collections = { docs };
