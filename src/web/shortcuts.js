// Keyboard navigation beyond Tab: "g" then a letter opens a page (as in code hosts), "/"
// focuses the page's filter box. Typing in a field is never intercepted.
const pageKeys = { o: '/', f: '/files', c: '/commits', r: '/refs', u: '/upload', s: '/storage' };

export function installShortcuts(navigate) {
  let pendingG = false;
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    if (pendingG && pageKeys[event.key]) {
      pendingG = false;
      const link = document.querySelector(`[data-nav="${pageKeys[event.key]}"]`);
      if (link) { event.preventDefault(); navigate(pageKeys[event.key]); }
      return;
    }
    pendingG = event.key === 'g';
    if (event.key === '/') {
      const filter = document.querySelector('[data-filter]');
      if (filter) { event.preventDefault(); filter.focus(); }
    }
  });
}
