// The header (what is shown, how far the runs have got, the region and flow selectors) and the table of variant means
// with the paired difference of the first variant named minus each other one.
'use strict';

// Outcomes in the side-by-side table.
const HEADLINE = ['commissioner_allocations', 'spend_acute', 'spend_primary_care', 'spend_prevention', 'pooled_transfers', 'social_care_spend',
  'trust_surplus', 'trusts_in_deficit', 'bailouts', 'bailout_value', 'emergency_admissions', 'avoidable_admissions', 'elective_treated',
  'waiting_list', 'waiting_over_18_weeks', 'delayed_discharge_bed_days', 'people_supported', 'unmet_social_care_need', 'proposals',
  'votes_in_favour', 'votes_against', 'vetoes', 'reforms_adopted', 'health_qalys_public_health', 'health_qalys_lost_waiting',
  'health_qalys_lost_avoidable_admissions', 'health_qalys_lost_unmet_care'];

const fmtInt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const fmtOne = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

// A run's figure for the table: the total since the start for a flow, the latest month's value for a level.
function figure(state, entry, info) {
  if (!entry.ticks.length || (state.region && recordedNationally(state, entry, info.index))) return null;
  const { valueAt } = window.dashboard;
  if (info.level) return valueAt(entry, entry.ticks[entry.ticks.length - 1], info.index);
  let v = 0;
  for (const tick of entry.ticks) {
    const x = valueAt(entry, tick, info.index);
    if (x === null) return null;
    v += x;
  }
  return v;
}

// Some money is recorded only where the national funder sits (allocations, grants): no region with residents holds
// any of it, so a region's figure is not zero but not recorded.
function recordedNationally(state, entry, metric) {
  const regions = window.dashboard.regionsWithResidents(entry).map(name => entry.run.regions.indexOf(name));
  let total = 0;
  for (const tick of entry.ticks) {
    if (regions.some(r => tick.byRegion[r][metric] !== 0)) return false;
    total += Math.abs(tick.totals[metric]);
  }
  return total > 0;
}

function show(info, value, signed) {
  if (value === null || value === undefined || Number.isNaN(value)) return window.economysim.region ? '<span title="recorded nationally, not by region">national</span>' : '–';
  const text = info.unit === 'GBP' ? fmtOne.format(value / 1e6) : info.unit === '{QALY}' ? fmtOne.format(value) : fmtInt.format(value);
  return signed && value > 0 ? `+${text}` : text;
}

function unitOf(info) {
  return info.unit === 'GBP' ? '£m' : info.unit.replace(/[{}]/g, '');
}

// Seed -> figure for a group's runs that have reached `months` months, so live replications pair like with like.
function bySeed(state, group, info, months) {
  const out = new Map();
  for (const e of group.runs) {
    if (e.ticks.length !== months) continue;
    const v = figure(state, e, info);
    if (v !== null) out.set(e.run.seed, v);
  }
  return out;
}

function drawTable(state, runs) {
  const { escapeHtml, label } = window.dashboard;
  const V = window.variants;
  const groups = V.groupsOf(runs);
  const table = document.getElementById('compare');
  const [first, ...others] = groups;
  const head = '<thead><tr><th>outcome</th><th class="unit">unit</th>'
    + groups.map(g => `<th class="group" style="border-bottom:3px solid ${g.colour}">${escapeHtml(g.name)}<br><small>${g.runs.length > 1 ? `mean of ${g.runs.length} runs` : escapeHtml(g.runs[0].run.scenario)}</small></th>`).join('')
    + others.map(g => `<th class="difference">${escapeHtml(first.name)} − ${escapeHtml(g.name)}<br><small>paired by seed, 95% interval</small></th>`).join('')
    + '</tr></thead>';
  // Months every run of the first group has reached: replications are compared at the same month.
  const rows = HEADLINE.filter(n => n in state.index).map(name => {
    const info = { ...state.catalogue[state.index[name]], index: state.index[name] };
    const means = groups.map(g => V.describe(g.runs.map(e => figure(state, e, info)).filter(v => v !== null)));
    const cells = means.map(m => `<td>${show(info, m?.mean)}</td>`).join('');
    const differences = others.map(g => {
      const months = Math.min(...first.runs.map(e => e.ticks.length), ...g.runs.map(e => e.ticks.length));
      const d = V.pairedDifference(bySeed(state, first, info, months), bySeed(state, g, info, months));
      if (!d) return '<td class="difference">–</td>';
      const interval = d.paired && d.n > 1 ? ` <small>[${show(info, d.lower, true)}, ${show(info, d.upper, true)}]</small>` : '';
      return `<td class="difference" data-pairs="${d.paired ? d.n : 0}">${show(info, d.mean, true)}${interval}</td>`;
    }).join('');
    return `<tr><td title="${escapeHtml(info.meaning)}">${escapeHtml(label(name))}</td><td class="unit">${escapeHtml(unitOf(info))}</td>${cells}${differences}</tr>`;
  }).join('');
  table.innerHTML = head + `<tbody>${rows}</tbody>`;
  const note = document.getElementById('compare-note');
  note.textContent = others.length && runs.length > groups.length
    ? `Means over each variant's runs; the difference is ${first.name} minus the other variant, over replications that share a seed and have reached the same month, with its 95% t interval in brackets.`
    : '';
}

// One line: a progress bar and the counts, not a sentence per run.
function drawStatus(state, runs) {
  const el = document.getElementById('status');
  el.dataset.ticks = String(state.ticksReceived);
  el.dataset.runs = String(runs.length);
  const stored = runs.length > 0 && runs.every(e => e.run.source === 'stored');
  document.getElementById('heading').textContent = stored ? 'EconomySim: stored runs' : 'EconomySim: live';
  document.title = stored ? 'EconomySim: stored runs' : 'EconomySim: live dashboard';
  const text = document.getElementById('status-text');
  const progress = document.getElementById('progress');
  const months = runs.reduce((a, e) => a + e.run.ticks, 0);
  const done = runs.reduce((a, e) => a + e.ticks.length, 0);
  progress.max = Math.max(months, 1);
  progress.value = done;
  progress.hidden = runs.length === 0 || stored;
  if (runs.length === 0) {
    text.textContent = 'waiting for a run…';
    return;
  }
  const count = s => runs.filter(e => e.status.state === s).length;
  const failed = runs.filter(e => e.status.state === 'failed');
  if (stored) {
    text.textContent = `${runs.length} stored run${runs.length === 1 ? '' : 's'}, read from the store (none is running)`;
  } else {
    text.textContent = `${count('finished')} of ${runs.length} run${runs.length === 1 ? '' : 's'} finished · ${count('running')} running`
      + (failed.length ? ` · ${failed.length} failed` : '') + ` · ${fmtInt.format(done)} of ${fmtInt.format(months)} months`;
  }
  text.title = failed.map(e => `${e.run.runId}: ${e.status.detail ?? 'failed'}`).join('\n');
}

function drawSelectors(state, runs, regionsWithResidents) {
  const { escapeHtml } = window.dashboard;
  const regions = new Set(runs.flatMap(regionsWithResidents));
  const region = document.getElementById('region');
  region.closest('label').hidden = regions.size === 0;
  const wanted = ['', ...regions];
  if (region.options.length !== wanted.length) {
    region.innerHTML = wanted.map(r => `<option value="${escapeHtml(r)}">${r ? escapeHtml(r) : 'All regions'}</option>`).join('');
    region.value = state.region;
  }
  const flowRun = document.getElementById('flow-run');
  const ids = runs.map(e => e.run.runId);
  if (flowRun.options.length !== ids.length) {
    flowRun.innerHTML = ids.map(id => `<option value="${escapeHtml(id)}">${escapeHtml(id)}</option>`).join('');
    flowRun.value = state.flowRun || ids[0] || '';
  }
}

window.summary = { drawTable, drawStatus, drawSelectors };
