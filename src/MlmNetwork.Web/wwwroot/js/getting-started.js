// The getting-started checklist (Pages/Shared/_GettingStarted.cshtml): copying the referral link
// or downloading its QR code (the checklist's own buttons, or the dashboard's Copy button) tells
// the app once that the link was shared, with the antiforgery token in a header.
(() => {
    const holder = document.getElementById('referral-share');
    if (!holder) return;
    const token = holder.querySelector('input[name="__RequestVerificationToken"]')?.value;
    let told = false;

    const tell = () => {
        if (told || !token) return;
        told = true;
        fetch(holder.dataset.url, { method: 'POST', headers: { 'RequestVerificationToken': token }, credentials: 'same-origin', keepalive: true })
            .then(response => {
                if (!response.ok) { told = false; return; }
                const step = document.querySelector('[data-step="ShareReferralLink"]');
                if (step) {
                    step.classList.replace('todo', 'done');
                    const tick = step.querySelector('.tick');
                    if (tick) tick.textContent = '✓';
                    const state = step.querySelector('.state');
                    if (state && state.dataset.doneText) state.textContent = state.dataset.doneText;
                    // The counter and the bar follow, in the page's language.
                    const progress = document.querySelector('[data-testid="getting-started-progress"]');
                    if (progress && progress.dataset.template) {
                        const done = Math.min(Number(progress.dataset.done) + 1, Number(progress.dataset.total));
                        const number = new Intl.NumberFormat(document.documentElement.lang || 'en');
                        progress.dataset.done = String(done);
                        progress.textContent = progress.dataset.template.replace('{0}', number.format(done)).replace('{1}', number.format(Number(progress.dataset.total)));
                        const bar = progress.parentElement?.querySelector('progress');
                        if (bar) bar.value = Math.round(done * 100 / Number(progress.dataset.total));
                    }
                }
            })
            .catch(() => { told = false; });
    };

    holder.querySelectorAll('[data-referral-copy]').forEach(button => {
        button.addEventListener('click', async () => {
            const link = button.dataset.referralCopy;
            try {
                await navigator.clipboard.writeText(link);
            } catch {
                window.prompt('', link);
            }
            const label = button.textContent;
            button.textContent = button.dataset.copied || label;
            setTimeout(() => { button.textContent = label; }, 1500);
        });
    });

    document.addEventListener('click', event => {
        if (event.target.closest('[data-referral-copy], [data-referral-share], [data-copy="#referral-link"]')) tell();
    });
})();
