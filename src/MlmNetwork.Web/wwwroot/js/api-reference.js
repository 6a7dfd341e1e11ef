// Draws the API reference with Swagger UI (served by the app from /ApiReference/ui, no CDN).
// No validator badge, so the page asks no other host for anything.
document.addEventListener('DOMContentLoaded', () => {
    const host = document.getElementById('swagger-ui');
    if (!host || typeof SwaggerUIBundle === 'undefined') return;
    SwaggerUIBundle({
        url: host.dataset.url,
        domNode: host,
        validatorUrl: null,
        deepLinking: true,
        docExpansion: 'list',
        defaultModelsExpandDepth: 0,
        displayRequestDuration: true,
        presets: [SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout',
    });
});
