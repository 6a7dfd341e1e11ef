// Draws every <canvas data-chart> with Chart.js (served by the app from /lib/chart.js).
// Values come from data attributes (no inline script: the CSP allows only our own files);
// numbers and amounts are formatted in the page's language with Intl.
document.addEventListener('DOMContentLoaded', () => {
    if (typeof Chart === 'undefined') return;
    const lang = document.documentElement.lang || 'en';
    const palette = ['#0b6e4f', '#2e90fa', '#f79009', '#9e77ed', '#f04438', '#667085', '#12b76a', '#ee46bc'];
    document.querySelectorAll('canvas[data-chart]').forEach(canvas => {
        const kind = canvas.dataset.chart;
        const currency = canvas.dataset.money;
        const format = currency
            ? new Intl.NumberFormat(lang, { style: 'currency', currency })
            : new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
        const series = JSON.parse(canvas.dataset.series);
        const round = kind === 'doughnut' || kind === 'pie';
        new Chart(canvas, {
            type: kind,
            data: {
                labels: JSON.parse(canvas.dataset.labels),
                datasets: series.map((s, i) => ({
                    label: s.label,
                    data: s.data,
                    backgroundColor: round ? palette : palette[i % palette.length],
                    borderColor: round ? '#fff' : palette[i % palette.length],
                    tension: 0.25,
                })),
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                locale: lang,
                plugins: {
                    legend: { display: round || series.length > 1 },
                    tooltip: { callbacks: { label: c => `${c.dataset.label}: ${format.format(c.parsed.y ?? c.parsed)}` } },
                },
                // Counts step by whole numbers: a chart of one or two people never shows 0.5 (read as '1 1').
                scales: round ? {} : { y: { beginAtZero: true, ticks: { precision: currency ? undefined : 0, callback: v => format.format(v) } } },
            },
        });
    });
});
