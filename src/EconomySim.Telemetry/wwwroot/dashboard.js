// The EconomySim dashboard. It receives runs and their simulated months from /api/stream (Server-Sent Events): first
// a snapshot of everything so far, then each run, month and status as it happens, and redraws at most once a frame.
// With one run each chart shows that run's quantities. With several, runs are grouped by variant (a run outside any
// variant is a group of its own): a colour per group, each replication drawn faint, and the group's mean drawn bold
// with its 95% band. Every chart runs along the calendar, so runs that start in different years line up by date.
'use strict';

const V = window.variants;
const LINE_STYLES = [[], [6, 3], [2, 2], [10, 4, 2, 4], [1, 3]];
const LINE_STYLE_NAMES = ['solid', 'dashed', 'dotted', 'dashed', 'dotted'];

// Each panel draws some outcomes (by catalogue name). "monthly" plots each month's flow, "cumulative" the running total,
// "level" the month-end value. Scale turns pounds into millions. A panel is a card in index.html with the panel's id.
const PANELS = [
  { id: 'money', title: 'Commissioners\u2019 payments by kind of provider (£m a month)', mode: 'monthly', scale: 1e-6,
    metrics: ['spend_acute', 'spend_community', 'spend_mental_health', 'spend_primary_care', 'spend_prevention'] },
  // Pooled budgets are agreed once a year and paid in one month: on the payments panel that month's spike set the scale.
  { id: 'pooled', title: 'NHS money moved into pooled budgets with councils (£m a month: paid once a year, so each year shows one spike)',
    mode: 'monthly', scale: 1e-6, metrics: ['pooled_transfers'] },
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
window.economysim = state; // read by the end-to-end tests

const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function label(name) {
  return name.replaceAll('_', ' ').replace('ae ', 'A&E ').replace(/^./, c => c.toUpperCase());
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

function runsInOrder() {
  return [...state.runs.values()];
}

// Regions that hold residents: the national funder's region holds no population and no services, so it is left out.
function regionsWithResidents(entry) {
  const last = entry.ticks[entry.ticks.length - 1];
  const population = state.index.population;
  if (!last || !last.byRegion.length) return [];
  return entry.run.regions.filter((_, r) => last.byRegion[r][population] > 0);
}

// The value of one outcome in one month of a run, for the selected region (or all of them); null where the run keeps
// no breakdown by region.
function valueAt(entry, tick, metric, region) {
  if (region === undefined && state.region) region = entry.run.regions.indexOf(state.region);
  if (region === undefined) return tick.totals[metric];
  return region < 0 || !tick.byRegion.length ? null : tick.byRegion[region][metric];
}

// One quantity of one run along the calendar: a Map month -> value, as the month's flow, running total or level.
function series(entry, quantity, mode, scale) {
  const out = new Map();
  let total = 0;
  for (const tick of entry.ticks) {
    const v = valueAt(entry, tick, quantity.metric, quantity.region);
    if (v === null) continue;
    total += v;
    out.set(V.monthKey(tick), (mode === 'cumulative' ? total : v) * scale);
  }
  return out;
}

// What a panel draws: each named metric, or for the region panel each region with residents.
function quantitiesOf(panel, runs) {
  if (!panel.byRegion) return panel.metrics.map(name => ({ name: label(name), metric: state.index[name] }));
  const names = [...new Set(runs.flatMap(regionsWithResidents))];
  return names.map(name => ({ name, metric: state.index[panel.byRegion], regionName: name }));
}

function datasetsFor(panel, runs, keys) {
  const scale = panel.scale ?? 1;
  const quantities = quantitiesOf(panel, runs);
  const align = values => keys.map(k => (values.has(k) ? values.get(k) : null));
  const groups = V.groupsOf(runs);
  const datasets = [];
  const single = runs.length === 1;
  for (const group of groups) {
    quantities.forEach((q, i) => {
      const perRun = group.runs.map(e => series(e, { ...q, region: q.regionName ? e.run.regions.indexOf(q.regionName) : undefined }, panel.mode, scale));
      const colour = single ? V.colourOf(i) : group.colour;
      const dash = single ? [] : LINE_STYLES[i % LINE_STYLES.length];
      const name = single ? q.name : `${group.name} · ${q.name}`;
      if (group.runs.length === 1) {
        datasets.push({ label: name, data: align(perRun[0]), borderColor: colour, borderDash: dash, borderWidth: 2,
          backgroundColor: 'transparent', role: 'run', group: group.name });
        return;
      }
      group.runs.forEach((e, r) => datasets.push({ label: `${group.name} #${r + 1} · ${q.name}`, data: align(perRun[r]), borderColor: V.faded(colour, 0.28),
        borderDash: dash, borderWidth: 1, backgroundColor: 'transparent', role: 'replication', group: group.name }));
      const stats = keys.map(k => V.describe(perRun.filter(s => s.has(k)).map(s => s.get(k))));
      datasets.push({ label: `${group.name} · ${q.name} · 95% low`, data: stats.map(s => s?.lower ?? null), borderColor: 'transparent',
        backgroundColor: 'transparent', borderWidth: 0, role: 'band-low', group: group.name });
      datasets.push({ label: `${group.name} · ${q.name} · 95% high`, data: stats.map(s => s?.upper ?? null), borderColor: 'transparent',
        backgroundColor: V.faded(colour, 0.22), borderWidth: 0, fill: '-1', role: 'band-high', group: group.name });
      datasets.push({ label: `${group.name} · ${q.name} (mean of ${group.runs.length})`, data: stats.map(s => s?.mean ?? null), borderColor: colour,
        borderDash: dash, borderWidth: 3, backgroundColor: 'transparent', role: 'mean', group: group.name });
    });
  }
  return { datasets, groups, quantities };
}

function drawPanel(panel, runs, keys) {
  const chart = state.charts[panel.id];
  const { datasets, groups, quantities } = datasetsFor(panel, runs, keys);
  chart.data.labels = keys.map(V.monthLabelOfKey);
  chart.$monthKeys = keys;
  chart.data.datasets = datasets;
  // A panel with nothing to draw (the region panel over stored runs, which keep totals only) is hidden, not left empty.
  const card = document.getElementById(`card-${panel.id}`);
  card.hidden = !datasets.some(d => d.data.some(v => v !== null));
  // With several runs the legend would list every run and quantity; a key says colour = variant, line style = quantity.
  const several = runs.length > 1;
  chart.options.plugins.legend.display = !several;
  const key = document.getElementById(`key-${panel.id}`);
  if (several && !card.hidden) {
    const replicated = groups.some(g => g.runs.length > 1);
    const groupKeys = groups.map(g => `<span class="swatch" style="border-color:${g.colour}"></span>${escapeHtml(g.name)}${g.runs.length > 1 ? ` <small>(${g.runs.length} runs)</small>` : ''}`).join('');
    const styles = quantities.length > 1 ? quantities.map((q, i) => `<span class="swatch" style="border-top-style:${LINE_STYLE_NAMES[i % 5]};border-color:#555"></span>${escapeHtml(q.name)}`).join('') : '';
    key.innerHTML = groupKeys + (styles ? '<br>' + styles : '')
      + (replicated ? '<br><span class="hint">faint: each replication; bold: the variant\u2019s mean; shaded: its 95% confidence interval (t, over replications)</span>' : '');
  } else {
    key.textContent = '';
  }
  chart.update('none');
}

// Line charts share their look: financial-year ticks, and a mark on a value axis that does not start at zero.
function makeChart(panel) {
  document.getElementById(`title-${panel.id}`).textContent = panel.title;
  return new Chart(document.getElementById(`chart-${panel.id}`), {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: true,
      normalized: true,
      spanGaps: true,
      elements: { point: { radius: 0 }, line: { tension: 0 } },
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          ticks: { autoSkip: false, maxRotation: 0, callback(value, i) { return window.charts.financialYearTickOf(this, i); } },
          grid: { color: c => (window.charts.startsFinancialYear(c.chart, c.index) ? '#dde1e7' : 'transparent') },
        },
        y: { ticks: { callback: v => fmt.format(v) } },
      },
      plugins: { legend: { labels: { boxWidth: 12, filter: item => !/95% (low|high)$/.test(item.text) } }, filler: { propagate: false } },
    },
    plugins: [window.charts.axisFromZeroMark],
  });
}

function drawFlowsAndTable(runs) {
  window.flows.draw(state, runs.find(e => e.run.runId === state.flowRun) ?? runs[0]);
  window.summary.drawTable(state, runs);
}

function draw() {
  state.pending = false;
  drawCalibration();
  const runs = runsInOrder();
  window.summary.drawSelectors(state, runs, regionsWithResidents);
  window.summary.drawStatus(state, runs);
  const keys = V.calendar(runs);
  for (const panel of PANELS) drawPanel(panel, runs, keys);
  drawFlowsAndTable(runs);
}

function schedule() {
  if (state.pending) return;
  state.pending = true;
  requestAnimationFrame(draw);
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
  source.addEventListener('run', e => {
    const run = JSON.parse(e.data);
    state.runs.set(run.runId, { run, ticks: [], status: { state: 'running' } });
    schedule();
  });
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
    document.getElementById('status-text').textContent = 'disconnected: is economysim still running? retrying…';
  };
}

window.dashboard = { label, escapeHtml, valueAt, regionsWithResidents, fmt };
for (const panel of PANELS) state.charts[panel.id] = makeChart(panel);
state.charts.flows = window.flows.make();
document.getElementById('region').addEventListener('change', e => { state.region = e.target.value; schedule(); });
document.getElementById('flow-run').addEventListener('change', e => { state.flowRun = e.target.value; schedule(); });
connect();
