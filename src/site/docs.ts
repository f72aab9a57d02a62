import { getCollection, type CollectionEntry } from 'astro:content';

export type Doc = CollectionEntry<'docs'>;

/** All sections in reading order. */
export async function getDocs(): Promise<Doc[]> {
  const docs = await getCollection('docs');
  return docs.sort((a, b) => a.data.order - b.data.order);
}

export function navTitle(doc: Doc): string {
  return doc.data.navTitle ?? doc.data.title;
}
