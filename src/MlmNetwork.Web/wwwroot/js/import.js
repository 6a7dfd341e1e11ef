// The import progress bar: polls the import's status until it has finished, then reloads
// so the page shows the outcome (and any refused lines) as the server wrote it.
(() => {
    const panel = document.getElementById('import');
    if (!panel || panel.dataset.running !== 'true') return;
    const bar = panel.querySelector('progress');
    const text = panel.querySelector('[data-progress-text]');
    const poll = async () => {
        try {
            const response = await fetch(panel.dataset.status, { headers: { Accept: 'application/json' } });
            if (response.ok) {
                const status = await response.json();
                bar.value = status.percent;
                bar.textContent = status.percent + '%';
                if (text) {
                    text.textContent = `Checked ${status.checked.toLocaleString()} of ${status.total.toLocaleString()} sales, written ${status.written.toLocaleString()}.`;
                }
                if (status.state !== 'Running') {
                    window.location.reload();
                    return;
                }
            }
        } catch {
            // A missed poll is retried with the next one.
        }
        setTimeout(poll, 500);
    };
    setTimeout(poll, 300);
})();
