// Draws the security console's charts with Chart.js (served from our origin, /static/chart.js,
// loaded just before this module). Each canvas carries its figures in `data-graphique`; the
// table after it says the same in text, so a browser without scripts loses nothing.
const Chart = globalThis.Chart;

// DSFR illustrative colours, distinct enough side by side; a tenth series repeats none.
const COLOURS = [
  '#000091',
  '#c9191e',
  '#18753c',
  '#b34000',
  '#6a6af4',
  '#a558a0',
  '#417dc4',
  '#716043',
  '#009081',
  '#e4794a',
];

const phone = window.matchMedia('(max-width: 575px)');

/** Taller on a phone, where a wide chart would be too flat to read. */
function aspectRatio() {
  return phone.matches ? 1 : 2.2;
}

function draw(canvas) {
  const data = JSON.parse(canvas.dataset.graphique);
  const line = data.kind === 'line';
  const horizontal = !line && data.labels.some((label) => label.length > 16);
  // Chart.js follows its container's width only if the container is positioned (its
  // documentation's rule); set through the CSSOM, which the CSP allows, not an inline style.
  canvas.parentElement.style.position = 'relative';
  return new Chart(canvas, {
    type: data.kind,
    data: {
      labels: data.labels,
      datasets: data.series.map((series, i) => ({
        label: series.label,
        data: series.values,
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        borderWidth: 2,
        tension: 0,
      })),
    },
    options: {
      // The page reads the same in the table; a chart that moves helps nobody.
      animation: false,
      aspectRatio: aspectRatio(),
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: data.series.length > 1, position: 'bottom' } },
      scales: {
        [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
}

if (Chart) {
  Chart.defaults.font.family = 'Marianne, arial, sans-serif';
  const charts = [];
  for (const canvas of document.querySelectorAll('canvas[data-graphique]')) {
    const chart = draw(canvas);
    charts.push(chart);
    canvas.dataset.dessine = chart ? 'oui' : 'non';
  }
  // Chart.js follows a narrowing container by itself but not always a widening one (a window
  // turned to landscape): resize on the window's own event too.
  window.addEventListener('resize', () => {
    for (const chart of charts) {
      chart.options.aspectRatio = aspectRatio();
      chart.resize();
    }
  });
}
