// The dashboard reads the same report endpoints as any client, with the token the user pastes:
// a section whose report the role may not read says so instead of showing figures.
'use strict';

const $ = (selector) => document.querySelector(selector);
const charts = new Map();
const rupiah = new Intl.NumberFormat('id-ID');

function chart(id) {
  let c = charts.get(id);
  if (!c) {
    c = window.echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    charts.set(id, c);
  }
  return c;
}

function figure(name, value, text) {
  for (const el of document.querySelectorAll(`[data-figure="${name}"]`)) {
    el.dataset.value = value === null || value === undefined ? '' : String(value);
    el.textContent = text ?? (typeof value === 'number' ? rupiah.format(value) : (value ?? '–'));
  }
}

async function get(path, query) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query)) if (v) url.searchParams.set(k, v);
  const response = await fetch(url, { headers: { authorization: `Bearer ${$('#token').value.trim()}` } });
  if (response.status === 401 || response.status === 403) return { denied: true };
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
  return { body: await response.json() };
}

function deny(sectionIds) {
  for (const id of sectionIds) {
    const section = document.getElementById(id);
    section.dataset.state = 'denied';
    for (const el of section.querySelectorAll('.chart')) el.hidden = true;
    if (!section.querySelector('.unavailable')) {
      const note = document.createElement('p');
      note.className = 'unavailable';
      note.textContent = 'Not available to your role.';
      section.append(note);
    }
  }
}

function months(year) {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

function showTarget(target, outcomes, year) {
  figure('net-persons', target.current.netPersonsExited);
  figure('target-persons', target.target.reductionPersons);
  figure('progress', target.progressPercent, String(target.progressPercent ?? '–'));
  figure(
    'baseline',
    target.baseline.persons,
    `${rupiah.format(target.baseline.persons)} poor persons in ${target.baseline.year} (${target.baseline.source})`,
  );
  const net = new Map();
  for (const row of outcomes?.rows ?? []) {
    const n = (row['exits.persons'] ?? 0) - (row['exits.reenteredPersons'] ?? 0);
    net.set(row.period, (net.get(row.period) ?? 0) + n);
  }
  let sum = 0;
  const cumulative = months(year).map((m) => (sum += net.get(m) ?? 0));
  chart('chart-target').setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: months(year) },
    yAxis: { type: 'value', name: 'persons' },
    series: [
      { name: 'Net persons out of poverty', type: 'line', data: cumulative, areaStyle: {} },
      { name: 'Target by year end', type: 'line', data: months(year).map(() => target.target.reductionPersons) },
    ],
  });
}

function showExits(outcomes, year) {
  figure('exits', outcomes.totals.exits.approved);
  figure('reentries', outcomes.totals.exits.reentered);
  const by = (metric) =>
    months(year).map((m) => outcomes.rows.filter((r) => r.period === m).reduce((n, r) => n + (r[metric] ?? 0), 0));
  chart('chart-exits').setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: months(year) },
    yAxis: { type: 'value', name: 'households' },
    series: [
      { name: 'Exits', type: 'bar', data: by('exits.approved') },
      { name: 'Re-entries', type: 'bar', data: by('exits.reentered') },
    ],
  });
}

function showBudget(target, programme) {
  const { budget } = target;
  figure('city-spent', budget.citySpentRupiah);
  figure('allocation', budget.allocationRupiah);
  figure('disbursed', budget.spentByProgrammeRupiah.pkh);
  const cost = budget.costPerExit;
  figure(
    'cost-per-exit',
    cost.perHousehold,
    cost.perHousehold === null ? '–' : `Rp${rupiah.format(cost.perHousehold)} per household (${cost.basis})`,
  );
  const programmes = programme === 'all' ? Object.keys(budget.funding) : [programme];
  const sources = Object.keys(budget.spentBySourceRupiah);
  chart('chart-budget').setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: sources },
    yAxis: { type: 'value', name: 'rupiah' },
    series: programmes.map((p, i) => ({
      name: p,
      type: 'bar',
      stack: 'spent',
      data: sources.map((s) => (budget.funding[p] === s ? budget.spentByProgrammeRupiah[p] : 0)),
      ...(i === 0
        ? {
            markLine: {
              symbol: 'none',
              label: { formatter: `City allocation (${budget.allocationSources.join(', ')})` },
              data: [{ yAxis: budget.allocationRupiah }],
            },
          }
        : {}),
    })),
  });
}

function showTraining(kpis) {
  const steps = ['invited', 'enrolled', 'declined', 'completed', 'droppedOut'];
  const total = Object.fromEntries(steps.map((s) => [s, kpis.trainingFunnel.reduce((n, r) => n + r[s], 0)]));
  const reasons = {};
  for (const row of kpis.trainingFunnel)
    for (const [reason, n] of Object.entries(row.declinedByReason)) reasons[reason] = (reasons[reason] ?? 0) + n;
  figure('invited', total.invited);
  figure('enrolled', total.enrolled);
  figure('completed', total.completed);
  const kinds = [...new Set(kpis.trainingFunnel.map((r) => r.kind))];
  chart('chart-funnel').setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: steps },
    yAxis: { type: 'value', name: 'households' },
    series: kinds.map((kind) => ({
      name: kind,
      type: 'bar',
      stack: 'kind',
      data: steps.map((s) => kpis.trainingFunnel.filter((r) => r.kind === kind).reduce((n, r) => n + r[s], 0)),
    })),
  });
  chart('chart-declines').setOption({
    tooltip: { trigger: 'item' },
    series: [
      {
        name: 'Declined, by reason',
        type: 'pie',
        radius: '65%',
        data: Object.entries(reasons).map(([name, value]) => ({ name, value })),
      },
    ],
  });
}

function showKpis(kpis) {
  figure('pkh-on-time', kpis.pkhVerification.onTimePercent, String(kpis.pkhVerification.onTimePercent ?? '–'));
  figure('days-to-exit', kpis.timeToExit.meanDays, String(kpis.timeToExit.meanDays ?? '–'));
  const areas = kpis.byKecamatan;
  chart('chart-kpis').setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { bottom: 90 },
    xAxis: { type: 'category', data: areas.map((a) => a.kecamatan), axisLabel: { rotate: 40 } },
    yAxis: [
      { type: 'value', name: '% on time', max: 100 },
      { type: 'value', name: 'days' },
    ],
    series: [
      { name: 'PKH verified on time (%)', type: 'bar', data: areas.map((a) => a.pkhOnTimePercent) },
      { name: 'Mean days to exit', type: 'line', yAxisIndex: 1, data: areas.map((a) => a.meanDaysToExit) },
    ],
  });
}

function fillKecamatan(kpis) {
  const select = $('#kecamatan');
  const known = new Set([...select.options].map((o) => o.value));
  for (const { kecamatan } of kpis.byKecamatan) {
    if (known.has(kecamatan)) continue;
    select.add(new Option(kecamatan, kecamatan));
    known.add(kecamatan);
  }
}

async function load(event) {
  event?.preventDefault();
  const year = $('#year').value;
  const kecamatan = $('#kecamatan').value;
  const programme = $('#programme').value;
  document.body.dataset.state = 'loading';
  $('#status').textContent = 'Loading…';
  for (const section of document.querySelectorAll('section')) {
    const tags = section.dataset.programme.split(' ');
    section.hidden = !(programme === 'all' || tags.includes('all') || tags.includes(programme));
  }
  try {
    const range = { from: `${year}-01`, to: `${year}-12` };
    const [target, outcomes, kpis] = await Promise.all([
      get('/api/v1/reports/poverty-target', { year }),
      get('/api/v1/reports/programme-outcomes', { ...range, kecamatan }),
      get('/api/v1/reports/kpis', { ...range, kecamatan }),
    ]);
    if (target.denied) deny(['target', 'budget']);
    else {
      showTarget(target.body, outcomes.body, year);
      showBudget(target.body, programme);
    }
    if (outcomes.denied) deny(['exits']);
    else showExits(outcomes.body, year);
    if (kpis.denied) deny(['training', 'kpis']);
    else {
      if (!kecamatan) fillKecamatan(kpis.body);
      showTraining(kpis.body);
      showKpis(kpis.body);
    }
    $('#status').textContent = `Figures for ${year}${kecamatan ? `, ${kecamatan}` : ''}, by business date.`;
    document.body.dataset.state = 'ready';
  } catch (error) {
    $('#status').textContent = `Could not load the reports: ${error.message}`;
    document.body.dataset.state = 'error';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('#year').value = String(new Date().getFullYear());
  $('#filters').addEventListener('submit', load);
});
