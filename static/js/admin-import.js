// The import page's progress bar while a pass runs: it follows the background job without a
// reload, and once the pass is over the page reloads to show what each line did. Without
// JavaScript the page's Refresh link does the same by hand.
(() => {
  const bar = document.querySelector('progress[data-import-progress]');
  if (!bar) return;
  const text = document.getElementById('import-progress-text');
  const tick = async () => {
    try {
      const res = await fetch(bar.dataset.importProgress, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (res.ok) {
        const progress = await res.json();
        if (progress.status !== bar.dataset.status) {
          window.location.reload();
          return;
        }
        bar.max = Math.max(progress.rows_total, 1);
        bar.value = progress.rows_done;
        bar.textContent = progress.text;
        if (text && text.textContent !== progress.text) text.textContent = progress.text;
      }
    } catch {
      // A network hiccup: try again at the next tick.
    }
    window.setTimeout(tick, 1000);
  };
  window.setTimeout(tick, 1000);
})();
