// The only island code a page loads up front: each island's loader calls this to fetch the
// element's module when the first of its elements comes within 200 px of the viewport, so
// readers who never get there pay nothing.
export function loadWhenNear(selector: string, load: () => unknown): void {
  const elements = document.querySelectorAll(selector);
  if (elements.length === 0) return;
  if (!('IntersectionObserver' in window)) {
    load();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        load();
      }
    },
    { rootMargin: '200px 0px' },
  );
  elements.forEach((el) => observer.observe(el));
}
