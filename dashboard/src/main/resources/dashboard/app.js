// The DriftSentry dashboard: summary, drift list (filters, paging), one drift, and the admin actions.
// The API key is asked once and kept in this tab's session storage only: never in a URL, never logged.
const KEY = 'driftsentry.apiKey';
const $ = (id) => document.getElementById(id);
let api = '';
let cursor = null;
let current = null;

async function call(path, options = {}) {
  const headers = { 'X-API-Key': sessionStorage.getItem(KEY), ...(options.headers || {}) };
  const response = await fetch(api + path, { ...options, headers });
  if (response.status === 401 || response.status === 403) {
    forget();
    throw new Error('the API refused the key (' + response.status + ')');
  }
  if (!response.ok) {
    throw new Error(path.split('?')[0] + ' answered ' + response.status);
  }
  return response.status === 204 ? null : response.json();
}

function show(id, visible) {
  $(id).hidden = !visible;
}

function problem(error) {
  // The browser gate counts console errors: a page that cannot show its data says so there too.
  console.error('dashboard: ' + error.message);
  $('problem').textContent = error.message;
  show('problem', true);
}

function forget() {
  sessionStorage.removeItem(KEY);
  show('login', true);
  ['summary', 'drifts', 'detail', 'forget'].forEach((id) => show(id, false));
}

function value(object, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object);
}

async function summary() {
  const s = await call('/api/v1/dashboard/summary');
  document.querySelectorAll('[data-summary]').forEach((el) => {
    const v = value(s, el.dataset.summary);
    el.textContent = v == null ? '–' : String(v);
  });
  $('who').textContent = 'tenant ' + s.tenantId;
  show('summary', true);
}

function row(d) {
  const tr = document.createElement('tr');
  tr.dataset.id = d.id;
  const cells = [new Date(d.detectedAt).toISOString().slice(0, 16).replace('T', ' '), d.resourceType + ' ' + d.resourceId, d.region,
    d.severity, d.status, d.monthlyCostDeltaUsd == null ? '' : Number(d.monthlyCostDeltaUsd).toFixed(2)];
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    td.textContent = text;
    if (i === 3) td.className = 'sev-' + d.severity;
    if (i === 5) td.className = 'num';
    tr.appendChild(td);
  });
  tr.addEventListener('click', () => detail(d.id).catch(problem));
  return tr;
}

async function drifts(append) {
  const filters = new FormData($('filters'));
  const query = new URLSearchParams({ limit: '20' });
  for (const [k, v] of filters) if (v) query.set(k, v);
  if (append && cursor) query.set('cursor', cursor);
  const page = await call('/api/v1/drifts?' + query);
  if (!append) $('rows').replaceChildren();
  page.items.forEach((d) => $('rows').appendChild(row(d)));
  cursor = page.nextCursor;
  show('more', Boolean(cursor));
  show('drifts', true);
}

async function detail(id) {
  current = await call('/api/v1/drifts/' + encodeURIComponent(id));
  $('detail-title').textContent = current.resourceType + ' ' + current.resourceId;
  const fields = $('detail-fields');
  fields.replaceChildren();
  for (const k of ['id', 'region', 'severity', 'status', 'detectedAt', 'resolvedAt', 'monthlyCostDeltaUsd']) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = current[k] == null ? '' : String(current[k]);
    fields.append(dt, dd);
  }
  show('detail', true);
}

async function act(action) {
  if (!current) return;
  await call('/api/v1/drifts/' + encodeURIComponent(current.id) + '/' + action,
    { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: '{}' });
  await Promise.all([detail(current.id), summary(), drifts(false)]);
}

async function open() {
  show('login', false);
  show('forget', true);
  show('problem', false);
  await Promise.all([summary(), drifts(false)]);
  // What the browser gate waits for: the data is on the page.
  performance.mark('dashboard-ready');
  document.body.dataset.ready = 'true';
}

async function start() {
  const config = await (await fetch('/config.json', { cache: 'no-store' })).json();
  api = config.apiBaseUrl.replace(/\/+$/, '');
  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    open().catch(problem);
  });
  $('forget').addEventListener('click', forget);
  $('filters').addEventListener('change', () => drifts(false).catch(problem));
  $('more').addEventListener('click', () => drifts(true).catch(problem));
  document.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => act(b.dataset.action).catch(problem)));
  if (sessionStorage.getItem(KEY)) {
    await open();
  } else {
    show('login', true);
  }
}

start().catch(problem);
