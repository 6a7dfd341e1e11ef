// Copy buttons: <button data-copy="#input-id">.
document.querySelectorAll('[data-copy]').forEach(button => {
    button.addEventListener('click', async () => {
        const input = document.querySelector(button.dataset.copy);
        if (!input) return;
        try {
            await navigator.clipboard.writeText(input.value);
        } catch {
            input.select();
            document.execCommand('copy');
        }
        const label = button.textContent;
        button.textContent = button.dataset.copied || 'Copied';
        setTimeout(() => { button.textContent = label; }, 1500);
    });
});
