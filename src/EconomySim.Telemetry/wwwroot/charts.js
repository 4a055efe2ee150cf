// What every line chart on the dashboard shares: ticks at the start of each financial year, and a mark on a value axis
// that does not start at zero, so a small change is not read as a large one.
'use strict';

// The month keys along a chart's x axis are kept on the chart by the panel that draws it.
function yearsShown(chart) {
  const keys = chart.$monthKeys ?? [];
  const years = keys.length / 12;
  return years > 24 ? 5 : years > 12 ? 2 : 1;
}

function startsFinancialYear(chart, index) {
  const key = chart.$monthKeys?.[index];
  return key !== undefined && key % 12 === 0 && Math.floor(key / 12) % yearsShown(chart) === 0;
}

// Scriptable options get the chart through their context; tick callbacks get it through the scale.
function financialYearTickOf(scale, index) {
  const chart = scale.chart;
  return startsFinancialYear(chart, index) ? window.variants.financialYearOfKey(chart.$monthKeys[index]) : null;
}

const axisFromZeroMark = {
  id: 'axisFromZeroMark',
  afterDraw(chart) {
    const y = chart.scales.y;
    if (!y || !chart.data.datasets.length) return;
    const fromZero = y.min <= 0 && y.max >= 0;
    chart.$axisFromZero = fromZero;
    if (fromZero) return;
    // Two short slanted strokes across the axis line where zero would be, and a word for those who do not know the sign.
    const { ctx, chartArea } = chart;
    const at = y.min > 0 ? chartArea.bottom - 6 : chartArea.top + 6;
    ctx.save();
    ctx.strokeStyle = '#1d2430';
    ctx.lineWidth = 1.5;
    for (const dy of [-3, 3]) {
      ctx.beginPath();
      ctx.moveTo(y.right - 6, at + dy + 3);
      ctx.lineTo(y.right + 6, at + dy - 3);
      ctx.stroke();
    }
    ctx.fillStyle = '#5d6878';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = y.min > 0 ? 'bottom' : 'top';
    ctx.fillText(y.min > 0 ? 'axis does not start at zero' : 'axis does not reach zero', chartArea.left + 12, y.min > 0 ? chartArea.bottom - 2 : chartArea.top + 2);
    ctx.restore();
  },
};

window.charts = {
  axisFromZeroMark,
  startsFinancialYear,
  financialYearTickOf,
};
