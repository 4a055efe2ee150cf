// Money between kinds of organisation since the start of a run, as a Sankey diagram with each link's value written on it.
'use strict';

const FLOW_COLOURS = { 'National funder': '#330072', Commissioners: '#005eb8', Councils: '#009639', 'GP federations': '#ed8b00',
  'Acute trusts': '#da291c', 'Community trusts': '#00a9ce', 'Mental health trusts': '#7c2855', 'Other services': '#768692', 'Trusts (bailouts)': '#8a1538' };

function formatBillions(value) {
  return `£${value >= 10 ? value.toFixed(1) : value.toFixed(2)}bn`;
}

// Writes each link's value in its middle, where the link is tall enough to hold the text.
const linkValues = {
  id: 'linkValues',
  afterDatasetsDraw(chart) {
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0]?.data ?? [];
    const { ctx } = chart;
    ctx.save();
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    meta.data.forEach((link, i) => {
      const flow = data[i];
      if (!flow || !(link.height >= 12)) return;
      const x = (link.x + link.x2) / 2;
      const y = (link.y + link.y2) / 2 + link.height / 2;
      const text = formatBillions(flow.flow);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.strokeText(text, x, y);
      ctx.fillStyle = '#1d2430';
      ctx.fillText(text, x, y);
    });
    ctx.restore();
  },
};

function makeFlows() {
  return new Chart(document.getElementById('chart-flows'), {
    type: 'sankey',
    data: { datasets: [{ data: [] }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { tooltip: { callbacks: { label: c => `${c.raw.from} → ${c.raw.to}: ${formatBillions(c.raw.flow)}` } } },
    },
    plugins: [linkValues],
  });
}

function drawFlows(state, entry) {
  const chart = state.charts.flows;
  if (!entry) return;
  const total = name => {
    const m = state.index[name];
    let t = 0;
    for (const tick of entry.ticks) t += window.dashboard.valueAt(entry, tick, m) ?? 0;
    return t / 1e9;
  };
  const flows = [
    ['National funder', 'Commissioners', total('commissioner_allocations') + total('pump_prime')],
    ['National funder', 'Councils', total('social_care_grants')],
    ['National funder', 'Trusts (bailouts)', total('bailout_value')],
    ['Commissioners', 'Acute trusts', total('spend_acute')],
    ['Commissioners', 'Community trusts', total('spend_community')],
    ['Commissioners', 'Mental health trusts', total('spend_mental_health')],
    ['Commissioners', 'GP federations', total('spend_primary_care') + total('spend_prevention')],
    ['Commissioners', 'Councils', total('pooled_transfers')],
    ['Commissioners', 'Other services', total('spend_other_services')],
  ].filter(f => f[2] > 0.0005).map(([from, to, flow]) => ({ from, to, flow }));
  chart.data.datasets = [{
    label: entry.run.runId,
    data: flows,
    colorFrom: c => FLOW_COLOURS[c.dataset.data[c.dataIndex]?.from] ?? '#999',
    colorTo: c => FLOW_COLOURS[c.dataset.data[c.dataIndex]?.to] ?? '#999',
    colorMode: 'gradient',
    size: 'max',
  }];
  chart.update('none');
}

window.flows = { make: makeFlows, draw: drawFlows, formatBillions };
