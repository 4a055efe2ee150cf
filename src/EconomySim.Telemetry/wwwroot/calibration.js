// The dashboard's calibration card, drawn by dashboard.js (whose state, number format and escaping it uses) when the
// runs it shows are the points of a calibration search.
'use strict';

// A calibration: which wave (or generation) of how many, its runs done, what each finished wave kept, and each
// parameter's range over the kept points, drawn as a bar within the prior's range.
function drawCalibration() {
  const c = state.calibration;
  const card = document.getElementById('calibration');
  card.hidden = !c;
  if (!c) return;
  const last = c.done[c.done.length - 1];
  document.getElementById('calibration-title').textContent =
    `Calibration of ${c.experiment} (${c.method}): ${c.parameters.length} parameter(s), ${c.pointsPerWave} points a ${c.unit} x ${c.replications} replication(s)`;
  const progress = document.getElementById('calibration-progress');
  progress.dataset.current = String(c.current);
  progress.dataset.done = String(c.done.length);
  progress.textContent = (c.finished ? `finished after ${c.done.length} ${c.unit}(s)` : `${c.unit} ${c.current} of ${c.waves}: ${c.runsDone} of ${c.runsInBatch} runs done`)
    + `; ${c.runs} runs in all` + (last ? `; ${c.unit} ${last.number} kept ${last.kept} of ${last.points} point(s), ${last.note}` : '');
  const range = (lo, hi) => `${fmt.format(lo)} to ${fmt.format(hi)}`;
  const head = `<thead><tr><th>parameter</th><th>prior</th>${c.done.map(w => `<th>${c.unit} ${w.number}</th>`).join('')}<th>current range</th></tr></thead>`;
  const rows = c.parameters.map((p, i) => {
    const cells = c.done.map(w => `<td>${w.kept ? range(w.lower[i], w.upper[i]) : '–'}</td>`).join('');
    const width = p.high - p.low;
    const [lo, hi] = last && last.kept ? [last.lower[i], last.upper[i]] : [p.low, p.high];
    const left = width > 0 ? 100 * (lo - p.low) / width : 0;
    const span = width > 0 ? 100 * (hi - lo) / width : 100;
    const bar = `<div class="range" title="${escapeHtml(range(lo, hi))}"><span style="left:${left.toFixed(2)}%;width:${span.toFixed(2)}%"></span></div>`;
    return `<tr><td>${escapeHtml(p.key)}</td><td>${range(p.low, p.high)}</td>${cells}<td>${bar}</td></tr>`;
  }).join('');
  document.getElementById('calibration-ranges').innerHTML = head + `<tbody>${rows}</tbody>`;
}
