// The import progress bar: polls the import's status until it has finished, then reloads
// so the page shows the outcome (and any refused lines) as the server wrote it. Its words come
// from the page (data-progress-template, in the reader's language), its numbers in the page's language.
(() => {
    const panel = document.getElementById('import');
    if (!panel || panel.dataset.running !== 'true') return;
    const bar = panel.querySelector('progress');
    const text = panel.querySelector('[data-progress-text]');
    const language = document.documentElement.lang || undefined;
    const number = value => Number(value).toLocaleString(language);
    const say = (template, values) => template.replace(/\{(\d+)\}/g, (hole, index) => values[Number(index)] ?? hole);
    const poll = async () => {
        try {
            const response = await fetch(panel.dataset.status, { headers: { Accept: 'application/json' } });
            if (response.ok) {
                const status = await response.json();
                bar.value = status.percent;
                bar.textContent = number(status.percent) + '\u00a0%';
                if (text && panel.dataset.progressTemplate) {
                    text.textContent = say(panel.dataset.progressTemplate, [number(status.checked), number(status.total), number(status.written)]);
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
