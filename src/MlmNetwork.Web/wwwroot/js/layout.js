// On a phone the navigation folds behind the Menu button; without this script it simply stays open.
document.documentElement.classList.add('js');
document.addEventListener('DOMContentLoaded', () => {
    const button = document.querySelector('.menu-button');
    const nav = document.getElementById('main-nav');
    if (!button || !nav) return;
    button.addEventListener('click', () => {
        const open = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(open));
        nav.classList.toggle('open', open);
    });
});

// A form that undoes money (cancelling a paid order) asks first: <form data-confirm="...">.
document.addEventListener('submit', event => {
    const message = event.target instanceof HTMLFormElement ? event.target.dataset.confirm : undefined;
    if (message && !window.confirm(message)) event.preventDefault();
});
