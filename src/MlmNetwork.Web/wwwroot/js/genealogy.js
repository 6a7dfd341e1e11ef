// The genealogy tree opens in place: a node's "+" loads its recruits (an HTML fragment from the
// page's Children handler) under it, "Show more" loads the next page of a list. Without this
// script every name is a link to that person's own page, and "Show more" a link to the next page.
(() => {
    const tree = document.querySelector('.tree[data-error]');
    if (!tree) return;

    const load = async (url) => {
        const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
        // Sent elsewhere (the session ended, new terms to accept): that page, not a piece of the tree.
        if (response.redirected) {
            window.location.assign(response.url);
            throw new Error('redirected');
        }
        if (!response.ok) throw new Error(`${response.status}`);
        return response.text();
    };

    const failed = (place) => {
        const note = document.createElement('p');
        note.className = 'field-error';
        note.setAttribute('role', 'alert');
        note.textContent = tree.dataset.error;
        place.after(note);
        setTimeout(() => note.remove(), 5000);
    };

    const toggle = async (button) => {
        const list = document.getElementById(button.getAttribute('aria-controls'));
        if (!list || button.getAttribute('aria-busy') === 'true') return;
        if (button.getAttribute('aria-expanded') === 'true') {
            list.hidden = true;
            button.setAttribute('aria-expanded', 'false');
            button.textContent = '+';
            return;
        }
        if (!list.dataset.loaded) {
            button.setAttribute('aria-busy', 'true');
            try {
                list.innerHTML = await load(button.dataset.recruits);
                list.dataset.loaded = 'true';
            } catch {
                failed(button.parentElement);
                return;
            } finally {
                button.removeAttribute('aria-busy');
            }
        }
        list.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        button.textContent = '\u2212';
    };

    const more = async (link) => {
        const item = link.closest('li.more');
        if (!item || link.getAttribute('aria-busy') === 'true') return;
        link.setAttribute('aria-busy', 'true');
        try {
            const html = await load(link.dataset.more);
            const previous = item.previousElementSibling;
            item.insertAdjacentHTML('beforebegin', html);
            item.remove();
            // Keyboard users carry on from the first person just added.
            const first = previous ? previous.nextElementSibling : null;
            first?.querySelector('a')?.focus();
        } catch {
            link.removeAttribute('aria-busy');
            failed(item);
        }
    };

    tree.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-recruits]');
        if (button) {
            toggle(button);
            return;
        }
        const link = event.target.closest('a[data-more]');
        if (link) {
            event.preventDefault();
            more(link);
        }
    });
})();
