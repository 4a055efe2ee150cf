// The EconomySim live dashboard. It receives runs and their simulated months from /api/stream (Server-Sent Events):
// first a snapshot of everything so far, then each run, month and status as it happens, and redraws at most once a
// frame. With one run each chart shows that run's quantities; with several (an experiment's variants, or stored runs
// overlaid) each quantity is drawn once per run, a colour per run.
'use strict';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
const PALETTE = ['#005eb8', '#da291c', '#009639', '#ed8b00', '#7c2855', '#00a9ce', '#768692', '#ffb81c', '#330072', '#8a1538'];
const DASHES = [[], [6, 3], [2, 2], [10, 4, 2, 4], [1, 3]];

// Each panel draws some outcomes (by catalogue name). "monthly" plots each month's flow, "cumulative" the running total,
// "level" the month-end value. Scale turns pounds into millions.
const PANELS = [
  { id: 'money', title: 'Commissioners\u2019 payments by kind of provider (£m a month)', mode: 'monthly', scale: 1e-6,
    metrics: ['spend_acute', 'spend_community', 'spend_mental_health', 'spend_primary_care', 'spend_prevention', 'pooled_transfers'] },
  { id: 'waiting', title: 'Elective waiting list (patients)', mode: 'level', metrics: ['waiting_list', 'waiting_over_18_weeks'] },
  { id: 'admissions', title: 'Admissions and electives treated (a month)', mode: 'monthly',
    metrics: ['emergency_admissions', 'avoidable_admissions', 'elective_treated'] },
  { id: 'delayed', title: 'Delayed-discharge bed-days (a month)', mode: 'monthly', metrics: ['delayed_discharge_bed_days'] },
  { id: 'deficits', title: 'Deficits and bailouts (£m, running total)', mode: 'cumulative', scale: 1e-6,
    metrics: ['trust_surplus', 'commissioner_surplus', 'bailout_value'] },
  { id: 'governance', title: 'Proposals, votes and vetoes (running total)', mode: 'cumulative',
    metrics: ['proposals', 'votes_in_favour', 'votes_against', 'vetoes', 'reforms_adopted'] },
  { id: 'regions', title: 'Waiting list by region (patients)', mode: 'level', byRegion: 'waiting_list' },
  { id: 'social', title: 'Adult social care (people)', mode: 'level', metrics: ['people_supported', 'unmet_social_care_need'] },
];

// Outcomes in the side-by-side table.
const HEADLINE = ['commissioner_allocations', 'spend_acute', 'spend_primary_care', 'spend_prevention', 'pooled_transfers', 'social_care_spend',
  'trust_surplus', 'trusts_in_deficit', 'bailouts', 'bailout_value', 'emergency_admissions', 'avoidable_admissions', 'elective_treated',
  'waiting_list', 'waiting_over_18_weeks', 'delayed_discharge_bed_days', 'people_supported', 'unmet_social_care_need', 'proposals',
  'votes_in_favour', 'votes_against', 'vetoes', 'reforms_adopted', 'health_qalys_public_health', 'health_qalys_lost_waiting',
  'health_qalys_lost_avoidable_admissions', 'health_qalys_lost_unmet_care'];

const state = {
  catalogue: [],   // outcome descriptions, in the order of each month's values
  index: {},       // outcome name -> position
  runs: new Map(), // run id -> { run, ticks: [], status }
  region: '',
  flowRun: '',
  ticksReceived: 0,
  charts: {},
  pending: false,
  calibration: null, // a calibration search's progress, when the runs are its points
};
window.economysim = state; // read by the end-to-end test

const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const fmtInt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

function label(name) {
  return name.replaceAll('_', ' ').replace('ae ', 'A&E ').replace(/^./, c => c.toUpperCase());
}

function monthLabel(tick) {
  const m = tick.month - 1;
  return `${MONTHS[m]} ${m >= 9 ? tick.year + 1 : tick.year}`;
}

// The value of one outcome in one month of a run, for the selected region (or all of them).
function valueAt(entry, tick, metric) {
  if (state.region && entry.run.regions.length) {
    const r = entry.run.regions.indexOf(state.region);
    return r < 0 ? 0 : tick.byRegion[r][metric];
  }
  return tick.totals[metric];
}

function series(entry, metric, mode, scale, region) {
  const out = [];
  let total = 0;
  for (const tick of entry.ticks) {
    const v = region === undefined ? valueAt(entry, tick, metric) : tick.byRegion[region][metric];
    total += v;
    out.push((mode === 'cumulative' ? total : v) * scale);
  }
  return out;
}

function runsInOrder() {
  return [...state.runs.values()];
}

// A run is named by its variant in an experiment (with its replication when a variant has several), else by its id.
function runName(entry) {
  const r = entry.run;
  if (!r.variant || r.variant === 'default') return r.runId;
  const same = runsInOrder().filter(e => e.run.variant === r.variant);
  return same.length > 1 ? `${r.variant} #${same.indexOf(entry) + 1}` : r.variant;
}

function makeChart(panel) {
  document.getElementById(`title-${panel.id}`).textContent = panel.title;
  const canvas = document.getElementById(`chart-${panel.id}`);
  return new Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: true,
      normalized: true,
      spanGaps: true,
      elements: { point: { radius: 0 }, line: { borderWidth: 2, tension: 0 } },
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { maxTicksLimit: 12, autoSkip: true } },
        y: { ticks: { callback: v => fmt.format(v) } },
      },
      plugins: { legend: { labels: { boxWidth: 12 } } },
    },
  });
}

function drawPanel(panel) {
  const chart = state.charts[panel.id];
  const runs = runsInOrder();
  const longest = runs.reduce((a, e) => (e.ticks.length > (a?.ticks.length ?? -1) ? e : a), null);
  chart.data.labels = longest ? longest.ticks.map(monthLabel) : [];
  const datasets = [];
  const scale = panel.scale ?? 1;
  runs.forEach((entry, r) => {
    if (panel.byRegion) {
      const metric = state.index[panel.byRegion];
      const regions = entry.run.regions.filter(name => name !== 'England' || entry.run.regions.length === 1);
      regions.forEach((name, i) => {
        datasets.push({
          label: runs.length > 1 ? `${runName(entry)} · ${name}` : name,
          data: series(entry, metric, panel.mode, scale, entry.run.regions.indexOf(name)),
          borderColor: runs.length > 1 ? PALETTE[r % PALETTE.length] : PALETTE[i % PALETTE.length],
          borderDash: runs.length > 1 ? DASHES[i % DASHES.length] : [],
          backgroundColor: 'transparent',
        });
      });
      return;
    }
    panel.metrics.forEach((name, i) => {
      datasets.push({
        label: runs.length > 1 ? `${runName(entry)} · ${label(name)}` : label(name),
        data: series(entry, state.index[name], panel.mode, scale),
        borderColor: runs.length > 1 ? PALETTE[r % PALETTE.length] : PALETTE[i % PALETTE.length],
        borderDash: runs.length > 1 ? DASHES[i % DASHES.length] : [],
        backgroundColor: 'transparent',
      });
    });
  });
  chart.data.datasets = datasets;
  // With several runs the legend would list every run and quantity; a key says colour = run, line style = quantity.
  const several = runs.length > 1;
  chart.options.plugins.legend.display = !several;
  const key = document.getElementById(`key-${panel.id}`);
  if (panel.byRegion && runs.every(e => e.run.regions.length === 0)) {
    key.textContent = runs.length ? 'Stored runs keep totals only: regions appear for live runs.' : '';
  } else if (several) {
    const runsKey = runs.map((e, r) => `<span class="swatch" style="border-color:${PALETTE[r % PALETTE.length]}"></span>${escapeHtml(runName(e))}`).join('');
    const names = panel.byRegion ? [] : panel.metrics;
    const styles = names.map((name, i) => `<span class="swatch" style="border-top-style:${['solid', 'dashed', 'dotted', 'dashed', 'dotted'][i % 5]};border-color:#555"></span>${escapeHtml(label(name))}`).join('');
    key.innerHTML = runsKey + (styles ? '<br>' + styles : '');
  } else {
    key.textContent = '';
  }
  chart.update('none');
}

// Money between kinds of organisation since the start of the run, for the run chosen in the header.
function drawFlows() {
  const chart = state.charts.flows;
  const entry = state.runs.get(state.flowRun) ?? runsInOrder()[0];
  if (!entry) return;
  const total = name => {
    const m = state.index[name];
    let t = 0;
    for (const tick of entry.ticks) t += valueAt(entry, tick, m);
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
  const colours = { 'National funder': '#330072', Commissioners: '#005eb8', Councils: '#009639', 'GP federations': '#ed8b00',
    'Acute trusts': '#da291c', 'Community trusts': '#00a9ce', 'Mental health trusts': '#7c2855', 'Other services': '#768692', 'Trusts (bailouts)': '#8a1538' };
  chart.data.datasets = [{
    label: runName(entry),
    data: flows,
    colorFrom: c => colours[c.dataset.data[c.dataIndex]?.from] ?? '#999',
    colorTo: c => colours[c.dataset.data[c.dataIndex]?.to] ?? '#999',
    colorMode: 'gradient',
    size: 'max',
  }];
  chart.update('none');
}

function makeFlows() {
  return new Chart(document.getElementById('chart-flows'), {
    type: 'sankey',
    data: { datasets: [{ data: [] }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { tooltip: { callbacks: { label: c => `${c.raw.from} → ${c.raw.to}: £${fmt.format(c.raw.flow)}bn` } } },
    },
  });
}

function drawTable() {
  const runs = runsInOrder();
  const table = document.getElementById('compare');
  const head = `<thead><tr><th>outcome</th><th class="unit">unit</th>${runs.map(e => `<th>${escapeHtml(runName(e))}<br><small>${escapeHtml(e.run.scenario)}</small></th>`).join('')}</tr></thead>`;
  const rows = HEADLINE.filter(n => n in state.index).map(name => {
    const info = state.catalogue[state.index[name]];
    const money = info.unit === 'GBP';
    const cells = runs.map(entry => {
      if (!entry.ticks.length) return '<td>–</td>';
      const m = state.index[name];
      let v = 0;
      if (info.level) v = valueAt(entry, entry.ticks[entry.ticks.length - 1], m);
      else for (const tick of entry.ticks) v += valueAt(entry, tick, m);
      return `<td>${money ? fmt.format(v / 1e6) : fmtInt.format(v)}</td>`;
    }).join('');
    return `<tr><td title="${escapeHtml(info.meaning)}">${label(name)}</td><td class="unit">${money ? '£m' : info.unit.replace(/[{}]/g, '')}</td>${cells}</tr>`;
  }).join('');
  table.innerHTML = head + `<tbody>${rows}</tbody>`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

function drawStatus() {
  const runs = runsInOrder();
  const el = document.getElementById('status');
  el.dataset.ticks = String(state.ticksReceived);
  el.dataset.runs = String(runs.length);
  el.textContent = runs.length === 0
    ? 'waiting for a run…'
    : runs.map(e => `${runName(e)}: month ${e.ticks.length}/${e.run.ticks} ${e.status.state}`).join(' · ');
}

function drawSelectors() {
  const regions = new Set();
  for (const e of state.runs.values()) for (const r of e.run.regions) regions.add(r);
  const region = document.getElementById('region');
  const wanted = ['', ...regions];
  if (region.options.length !== wanted.length) {
    region.innerHTML = wanted.map(r => `<option value="${escapeHtml(r)}">${r ? escapeHtml(r) : 'All regions'}</option>`).join('');
    region.value = state.region;
  }
  const flowRun = document.getElementById('flow-run');
  const ids = [...state.runs.keys()];
  if (flowRun.options.length !== ids.length) {
    flowRun.innerHTML = ids.map(id => `<option value="${escapeHtml(id)}">${escapeHtml(runName(state.runs.get(id)))}</option>`).join('');
    flowRun.value = state.flowRun || ids[0] || '';
  }
}

function draw() {
  state.pending = false;
  drawCalibration();
  drawSelectors();
  drawStatus();
  for (const panel of PANELS) drawPanel(panel);
  drawFlows();
  drawTable();
}

function schedule() {
  if (state.pending) return;
  state.pending = true;
  requestAnimationFrame(draw);
}

function addRun(run) {
  state.runs.set(run.runId, { run, ticks: [], status: { state: 'running' } });
}

function connect() {
  const source = new EventSource('/api/stream');
  source.addEventListener('snapshot', e => {
    const snapshot = JSON.parse(e.data);
    state.catalogue = snapshot.catalogue;
    state.index = Object.fromEntries(snapshot.catalogue.map(m => [m.name, m.index]));
    state.runs.clear();
    state.ticksReceived = 0;
    state.calibration = snapshot.calibration ?? null;
    for (const r of snapshot.runs) {
      state.runs.set(r.run.runId, { run: r.run, ticks: r.ticks, status: r.status });
      state.ticksReceived += r.ticks.length;
    }
    schedule();
  });
  source.addEventListener('run', e => { addRun(JSON.parse(e.data)); schedule(); });
  source.addEventListener('tick', e => {
    const tick = JSON.parse(e.data);
    const entry = state.runs.get(tick.runId);
    if (!entry) return;
    entry.ticks.push(tick);
    state.ticksReceived++;
    schedule();
  });
  source.addEventListener('status', e => {
    const status = JSON.parse(e.data);
    const entry = state.runs.get(status.runId);
    if (entry) entry.status = status;
    schedule();
  });
  source.addEventListener('calibration', e => { state.calibration = JSON.parse(e.data); schedule(); });
  source.onerror = () => {
    document.getElementById('status').textContent = 'disconnected: is economysim still running? retrying…';
  };
}

for (const panel of PANELS) state.charts[panel.id] = makeChart(panel);
state.charts.flows = makeFlows();
document.getElementById('region').addEventListener('change', e => { state.region = e.target.value; schedule(); });
document.getElementById('flow-run').addEventListener('change', e => { state.flowRun = e.target.value; schedule(); });
connect();
