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
    /** Position in the reading order (the article's section order). */
    order: z.number().int().positive(),
  }),
});

export const collections = { docs };
