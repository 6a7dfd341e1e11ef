// The sale form (Pages/Sales/New.cshtml): what the typed quantities come to, before the sale is
// recorded, in the page's language and the installation's currency. Prices are in minor units
// on each row, so the sum is exact; the server computes the real figures again.
(() => {
    const total = document.querySelector('[data-testid="running-total"]');
    if (!total) return;
    const lang = document.documentElement.lang || 'en';
    const money = new Intl.NumberFormat(lang, { style: 'currency', currency: total.dataset.currency });
    const amount = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const rows = [...document.querySelectorAll('tr[data-price]')];

    const update = () => {
        let price = 0;
        let base = 0;
        let typed = false;
        for (const row of rows) {
            const quantity = Number(row.querySelector('input.quantity')?.value || 0);
            if (!Number.isInteger(quantity) || quantity <= 0) continue;
            typed = true;
            price += quantity * Number(row.dataset.price);
            base += quantity * Number(row.dataset.base);
        }
        total.textContent = typed
            ? total.dataset.template.replace('{0}', money.format(price / 100)).replace('{1}', amount.format(base / 100))
            : total.dataset.empty;
    };

    rows.forEach(row => row.querySelector('input.quantity')?.addEventListener('input', update));
    update();
})();

// Typing a new customer's details, or choosing one of my customers, chooses that kind of sale.
document.querySelectorAll('fieldset.sale-kind').forEach(fieldset => {
    const choose = kind => {
        const radio = fieldset.querySelector(`input[type=radio][value="${kind}"]`);
        if (radio) radio.checked = true;
    };
    fieldset.querySelectorAll('[name^="Input.New"]').forEach(input =>
        input.addEventListener('input', () => { if (input.type === 'checkbox' ? input.checked : input.value.trim() !== '') choose(fieldset.dataset.newKind); }));
    const select = fieldset.querySelector('select[name="Input.CustomerId"]');
    if (select) select.addEventListener('change', () => { if (select.value !== '') choose(fieldset.dataset.customerKind); });
});
