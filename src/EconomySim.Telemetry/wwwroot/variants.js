// Runs grouped by variant, their colours, calendar months, and the statistics of replications: pure functions the
// dashboard's panels and table share. Replication r of every variant of an experiment shares its seed, so differences
// between variants are paired by seed (common random numbers), as the command line's `experiment` and `compare` do.
'use strict';

const MONTH_NAMES = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];

// Ten NHS identity colours first; an experiment with more variants gets further hues a golden angle apart, so no two
// variants share a colour however many there are.
const BASE_COLOURS = ['#005eb8', '#da291c', '#009639', '#ed8b00', '#7c2855', '#00a9ce', '#768692', '#ffb81c', '#330072', '#8a1538'];

function colourOf(index) {
  if (index < BASE_COLOURS.length) return BASE_COLOURS[index];
  const hue = Math.round(((index - BASE_COLOURS.length) * 137.508 + 20) % 360);
  return `hsl(${hue} 70% ${index % 2 ? 38 : 50}%)`;
}

// The same colour, see-through: faint replications and shaded bands.
function faded(colour, alpha) {
  if (colour.startsWith('#')) {
    const n = parseInt(colour.slice(1), 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  return colour.replace(')', ` / ${alpha})`);
}

// A simulated month as a number that orders runs by calendar: financial year * 12 + months since April.
function monthKey(tick) {
  return tick.year * 12 + (tick.month - 1);
}

function monthLabelOfKey(key) {
  const year = Math.floor(key / 12);
  const m = key % 12;
  return `${MONTH_NAMES[m]} ${m >= 9 ? year + 1 : year}`;
}

function financialYearOfKey(key) {
  const year = Math.floor(key / 12);
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

// Every month from the first any run has reached to the last, in calendar order, so a 2016 run is drawn under 2016
// beside a 2024 one, with the years between them kept to scale.
function calendar(entries) {
  let first = Infinity;
  let last = -Infinity;
  for (const e of entries) for (const t of e.ticks) {
    const key = monthKey(t);
    if (key < first) first = key;
    if (key > last) last = key;
  }
  const keys = [];
  for (let k = first; k <= last; k++) keys.push(k);
  return keys;
}

// An experiment's variant names a group; a run outside any variant is a group of its own. Groups keep the order in
// which their first run arrived, which is the order the experiment names its variants.
function groupKey(entry) {
  const v = entry.run.variant;
  return v && v !== 'default' ? `variant:${v}` : `run:${entry.run.runId}`;
}

function groupsOf(entries) {
  const groups = new Map();
  for (const e of entries) {
    const key = groupKey(e);
    if (!groups.has(key)) {
      const isVariant = key.startsWith('variant:');
      groups.set(key, { key, name: isVariant ? e.run.variant : e.run.runId, colour: colourOf(groups.size), runs: [] });
    }
    groups.get(key).runs.push(e);
  }
  return [...groups.values()];
}

// Student's t 97.5% quantiles for 1 to 30 degrees of freedom (the standard table); beyond 30, the Cornish-Fisher
// expansion about the normal quantile, within 0.001 of the exact value.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
  2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042];

function tQuantile975(df) {
  if (df <= T975.length) return T975[df - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

// Mean and 95% t interval of the mean; one value has a zero-width interval.
function describe(values) {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, v) => a + v, 0) / n;
  if (n === 1) return { n, mean, lower: mean, upper: mean };
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = tQuantile975(n - 1) * sd / Math.sqrt(n);
  return { n, mean, lower: mean - half, upper: mean + half };
}

// first - second over the seeds both ran (each a Map seed -> value); a difference of means when they share none.
function pairedDifference(first, second) {
  const shared = [...first.keys()].filter(seed => second.has(seed));
  if (shared.length > 0) return { ...describe(shared.map(seed => first.get(seed) - second.get(seed))), paired: true };
  const a = describe([...first.values()]);
  const b = describe([...second.values()]);
  return a && b ? { n: 1, mean: a.mean - b.mean, lower: a.mean - b.mean, upper: a.mean - b.mean, paired: false } : null;
}

window.variants = { colourOf, faded, monthKey, monthLabelOfKey, financialYearOfKey, calendar, groupsOf, describe, pairedDifference, tQuantile975 };
