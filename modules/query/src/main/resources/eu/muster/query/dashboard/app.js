// muster dashboard: a plain ES2020 module, no dependencies, nothing fetched but muster's own API.
//
// How it stays current: one authenticated text/event-stream (GET /v1/stream, read with fetch()
// because EventSource cannot send an Authorization header) names every view that changed; the
// page refetches only the panels that view feeds, coalescing events that arrive within 150 ms.
// A full refresh every 60 s is a safety net, not the mechanism. Every value from the API reaches
// the page through textContent, never as markup.

const TOKEN_KEY = 'muster.token';
const DEBOUNCE_MS = 150;
const SAFETY_REFRESH_MS = 60_000;
const STREAM_BACKOFF_MS = [1000, 2000, 5000];
const STREAM_SILENCE_MS = 45_000; // three missed heartbeats
const MAX_ITEMS = 500;            // per list, following `next`
const PANELS = ['incidents', 'clocks', 'member-states', 'reviews', 'scorecards'];

const query = new URLSearchParams(location.search);

const state = {
  token: null,
  me: null,
  offsetMs: 0,                 // server clock minus this browser's clock, from the responses' asOf
  updatedAt: null,             // ISO instant of the last applied update
  selectedIncident: query.get('incident') || null,
  selectedMemberState: null,
  incidents: [],
  breachedKeys: null,          // clocks known BREACHED, to announce new ones
  lastJson: new Map(),         // panel -> JSON last rendered, to skip re-rendering unchanged data
  pending: new Set(),          // panels waiting for the next refresh round
  timer: null,
  running: null,               // the refresh round in flight
  stream: null,                // AbortController of the live stream
  streamGeneration: 0,
  signedIn: false,
};

// ------------------------------------------------------------------ small helpers

const $ = (selector, root = document) => root.querySelector(selector);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const serverNow = () => Date.now() + state.offsetMs;

/** Builds an element; children are nodes or text (never parsed as HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') for (const [dk, dv] of Object.entries(v)) { if (dv != null) el.dataset[dk] = dv; }
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const regionNames = (() => {
  try { return new Intl.DisplayNames(['en'], { type: 'region' }); } catch { return null; }
})();

function countryName(code) {
  if (!code) return '';
  try { const n = regionNames && regionNames.of(code); return n && n !== code ? n : code; } catch { return code; }
}

/** "MATCH_TO_ON_SITE" → "Match to on site". */
function human(value) {
  if (value == null) return '—';
  const s = String(value).toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const CLOCK_KINDS = {
  REQUEST_TO_MATCH: 'Request → match',
  MATCH_TO_REMOTE_SUPPORT: 'Match → remote support',
  MATCH_TO_ON_SITE: 'Match → on-site support',
  PHASE_INITIAL_RESPONSE: 'Phase: initial response',
  PHASE_INVESTIGATION: 'Phase: investigation',
  PHASE_CONTAINMENT_RECOVERY: 'Phase: containment & recovery',
  CLOSURE_TO_REVIEW: 'Closure → review',
  SITUATION_REPORT_CADENCE: 'Situation report cadence',
};

function clockName(clock) {
  const name = CLOCK_KINDS[clock.kind] || human(clock.kind);
  return clock.kind === 'SITUATION_REPORT_CADENCE' ? `${name} #${clock.cycle}` : name;
}

const OPEN_ITEMS = {
  AWAITING_MATCH: 'Awaiting a provider match',
  AWAITING_REMOTE_SUPPORT: 'Awaiting remote support',
  AWAITING_ON_SITE: 'Awaiting on-site support',
  ACKNOWLEDGEMENT_OVERDUE: 'Acknowledgement overdue',
  ASSISTANCE_AWAITING_OFFERS: 'Assistance awaiting offers',
  OFFER_AWAITING_DECISION: 'Offer awaiting decision',
  OFFER_AWAITING_FULFILMENT: 'Offer awaiting fulfilment',
  REVIEW_DUE: 'Review due',
  REVIEW_OVERDUE: 'Review overdue',
};

function owner(o) {
  if (!o) return '—';
  if (o === 'member-state:*') return 'any member state';
  if (o.startsWith('member-state:')) return `${countryName(o.slice(13))} (${o.slice(13)})`;
  if (o.startsWith('role:')) return o.slice(5);
  return o;
}

// Times are shown in this browser's time zone, named once in the header; each <time> has the UTC instant as its title.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dateFormatYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

function timeZoneLabel() {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' }).formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return part ? `${part.value}${zone && zone !== part.value && zone !== 'UTC' ? ' (' + zone + ')' : ''}` : 'local time';
  } catch {
    return 'local time';
  }
}
const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return (d.getFullYear() === new Date(serverNow()).getFullYear() ? dateFormat : dateFormatYear).format(d);
}

function timeEl(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: iso }, formatDate(iso));
}

const pad = (n) => String(n).padStart(2, '0');

/** A countdown: "2 h 03 m 04 s"; days when over a day. Always to the second. */
function formatCountdown(ms) {
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const hh = Math.floor(s / 3600); s -= hh * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d > 0) return `${d} d ${pad(hh)} h ${pad(m)} m ${pad(s)} s`;
  if (hh > 0) return `${hh} h ${pad(m)} m ${pad(s)} s`;
  if (m > 0) return `${m} m ${pad(s)} s`;
  return `${s} s`;
}

/** A duration to the minute: "3 h 20 m", "2 d 4 h", "45 s". */
function formatSpan(ms) {
  if (ms == null) return '—';
  let s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  let m = Math.floor(s / 60);
  if (m < 60) return `${m} m`;
  let hh = Math.floor(m / 60); m -= hh * 60;
  if (hh < 48) return m ? `${hh} h ${pad(m)} m` : `${hh} h`;
  const d = Math.floor(hh / 24); hh -= d * 24;
  return hh ? `${d} d ${hh} h` : `${d} d`;
}

// ------------------------------------------------------------------ badges

const TLP_LABELS = {
  CLEAR: 'TLP:CLEAR', GREEN: 'TLP:GREEN', AMBER: 'TLP:AMBER', AMBER_STRICT: 'TLP:AMBER+STRICT', RED: 'TLP:RED',
};

/** The TLP 2.0 marking; anything unknown (or missing) reads as RED, as the contract says. */
function tlpBadge(tlp) {
  const key = TLP_LABELS[tlp] ? tlp : 'RED';
  return h('span', { class: `tlp tlp-${key.toLowerCase().replace('_', '-')}` }, TLP_LABELS[key]);
}

function stateBadge(value, extraClass = '') {
  const v = value || 'UNKNOWN';
  return h('span', { class: `badge state-${v.toLowerCase().replace(/_/g, '-')} ${extraClass}`.trim() }, v.replace(/_/g, ' '));
}

function incidentButton(id, title, focusScope) {
  return h('button', {
    type: 'button',
    class: 'incident-link',
    dataset: { incidentLink: id, focusKey: `${focusScope}:${id}` },
    title: `Show incident ${id}`,
  }, title || id);
}

/** The incident's title (a button that shows it) with its TLP marking beside it. */
function incidentCell(id, title, tlp, focusScope) {
  return h('span', { class: 'incident-cell' }, incidentButton(id, title, focusScope), ' ', tlpBadge(tlp));
}

const ROLES = {
  NCA: 'NCA', CSIRT: 'CSIRT', ENISA: 'ENISA', MSSP: 'MSSP', SINGLE_POINT_OF_CONTACT: 'Single point of contact',
  AFFECTED_ENTITY: 'Affected entity', ASSISTING_MEMBER_STATE: 'Assisting member state', COMMISSION: 'Commission',
  EU_CYCLONE: 'EU-CyCLONe',
};
const roleName = (role) => ROLES[role] || human(role);

// ------------------------------------------------------------------ tables

/**
 * A real table: caption, column headers with scope=col, the first cell of every row a row header.
 * columns: [{ label, cell(row) → node|text, numeric, group }]; consecutive columns with the same
 * group get a spanning header above theirs (scope=colgroup). rowAttrs(row) → attributes of the <tr>.
 */
function table({ caption, columns, rows, rowAttrs }) {
  return h('table', {},
    h('caption', {}, caption),
    columnHeaders(columns),
    h('tbody', {}, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {},
      columns.map((c, i) => h(i === 0 ? 'th' : 'td', {
        scope: i === 0 ? 'row' : null,
        class: [c.numeric ? 'num' : null, c.class || null].filter(Boolean).join(' ') || null,
      }, c.cell(row)))))));
}

/** Replaces a panel's content, keeping keyboard focus on the same logical control. */
function render(container, ...nodes) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focusKey : null;
  container.replaceChildren(...nodes);
  if (key) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
  markSelected();
}

function columnHeaders(columns) {
  const header = (c, attrs) => h('th', Object.assign({ scope: 'col', class: c.numeric ? 'num' : null }, attrs), c.label);
  if (!columns.some((c) => c.group)) return h('thead', {}, h('tr', {}, columns.map((c) => header(c))));
  const top = [];
  const bottom = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (!c.group) { top.push(header(c, { rowspan: '2' })); continue; }
    let span = 0;
    while (i + span < columns.length && columns[i + span].group === c.group) bottom.push(header(columns[i + span++]));
    top.push(h('th', { scope: 'colgroup', colspan: String(span), class: 'group' }, c.group));
    i += span - 1;
  }
  return h('thead', {}, h('tr', {}, top), h('tr', {}, bottom));
}

function bodyOf(panelId) {
  return $(`#${panelId} [data-body]`);
}

function emptyNote(text) {
  return h('p', { class: 'empty' }, text);
}

function showPanelError(panelId, err) {
  const body = bodyOf(panelId);
  if (!body) return;
  let note = $('.panel-error', body.parentElement);
  if (!note) {
    note = h('p', { class: 'panel-error error', role: 'status' });
    body.parentElement.insertBefore(note, body);
  }
  note.textContent = `Could not refresh: ${err.message}`;
}

function clearPanelError(panelId) {
  const body = bodyOf(panelId);
  const note = body && $('.panel-error', body.parentElement);
  if (note) note.remove();
}

// ------------------------------------------------------------------ the API

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? `${problem.title || 'Error'}${problem.detail ? ': ' + problem.detail : ''}` : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function authHeaders(extra) {
  const headers = Object.assign({}, extra);
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  return headers;
}

function retryAfterMs(res, fallback = 1000) {
  const v = res.headers.get('Retry-After');
  if (!v) return fallback;
  const secs = Number(v);
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(v) - Date.now();
  return Math.min(Math.max(ms, 250), 30_000);
}

function noteServerTime(asOf, sentAt, receivedAt) {
  const t = Date.parse(asOf);
  if (Number.isNaN(t)) return;
  state.offsetMs = t - (sentAt + receivedAt) / 2;
}

async function readProblem(res) {
  try {
    const type = res.headers.get('Content-Type') || '';
    if (type.includes('json')) return await res.json();
  } catch { /* not a problem document */ }
  return { title: res.statusText || `HTTP ${res.status}`, status: res.status };
}

/** GET a JSON resource; retries a 503 as its Retry-After says (three times), raises ApiError otherwise. */
async function api(path) {
  for (let attempt = 0; ; attempt++) {
    const sentAt = Date.now();
    const res = await fetch(path, { headers: authHeaders({ Accept: 'application/json' }), cache: 'no-store' });
    if (res.status === 503 && attempt < 3) { await sleep(retryAfterMs(res)); continue; }
    if (res.status === 401) { unauthorized(); throw new ApiError(401, await readProblem(res)); }
    if (!res.ok) throw new ApiError(res.status, await readProblem(res));
    const body = await res.json();
    if (body && typeof body.asOf === 'string') noteServerTime(body.asOf, sentAt, Date.now());
    return body;
  }
}

/** A list resource, following `next` (same origin only) up to MAX_ITEMS. */
async function apiList(path) {
  let page = await api(path);
  const items = [...(page.items || [])];
  const asOf = page.asOf;
  const total = page.total != null ? page.total : items.length;
  while (page.next && items.length < MAX_ITEMS) {
    const next = new URL(page.next, location.href);
    if (next.origin !== location.origin) break;
    page = await api(next.pathname + next.search);
    items.push(...(page.items || []));
  }
  return { asOf, total, items };
}

// ------------------------------------------------------------------ panels

async function loadClocks() {
  const page = await apiList('/v1/clocks?state=RUNNING,AT_RISK,BREACHED&sort=deadline&limit=200');
  if (unchanged('clocks', page.items)) return page.asOf;

  const breached = new Set(page.items.filter((r) => r.clock.state === 'BREACHED').map(clockKey));
  if (state.breachedKeys) {
    const fresh = page.items.filter((r) => r.clock.state === 'BREACHED' && !state.breachedKeys.has(clockKey(r)));
    for (const r of fresh) announce(`New SLA breach: ${r.title || r.incidentId}, ${clockName(r.clock)}.`);
  }
  state.breachedKeys = breached;

  const body = bodyOf('clocks');
  if (!page.items.length) { render(body, emptyNote('No open SLA clocks')); return page.asOf; }
  const counts = countBy(page.items, (r) => r.clock.state);
  render(body, table({
    caption: `${page.items.length}${page.total > page.items.length ? ' of ' + page.total : ''} open clocks, soonest deadline first: `
      + `${counts.BREACHED || 0} breached, ${counts.AT_RISK || 0} at risk, ${counts.RUNNING || 0} running`,
    rows: page.items,
    rowAttrs: (r) => ({
      class: r.clock.state === 'BREACHED' ? 'breached' : r.clock.state === 'AT_RISK' ? 'at-risk' : null,
      dataset: { incidentId: r.incidentId, clock: clockKey(r), clockKind: r.clock.kind, clockState: r.clock.state },
    }),
    columns: [
      { label: 'Incident', cell: (r) => incidentCell(r.incidentId, r.title, r.tlp, `clocks:${r.clock.kind}:${r.clock.cycle}`) },
      { label: 'Member state', cell: (r) => msCell(r.requestingMemberState) },
      { label: 'MSSP', cell: (r) => r.msspId || h('span', { class: 'muted' }, 'not matched') },
      { label: 'Clock', cell: (r) => clockName(r.clock) },
      { label: 'State', cell: (r) => stateBadge(r.clock.state) },
      { label: 'Deadline', cell: (r) => timeEl(r.clock.deadline) },
      { label: 'Time left', numeric: true, class: 'time-left', cell: (r) => countdown(r.clock.deadline) },
    ],
  }));
  return page.asOf;
}

const clockKey = (r) => `${r.incidentId}/${r.clock.kind}/${r.clock.cycle}`;

function countBy(items, f) {
  const out = {};
  for (const i of items) { const k = f(i); out[k] = (out[k] || 0) + 1; }
  return out;
}

function msCell(code) {
  if (!code) return h('span', { class: 'muted' }, '—');
  return h('abbr', { title: countryName(code) }, code);
}

/** Time left until deadline, kept current by tick(); coarse ones count in minutes, with "due in". */
function countdown(deadline, { coarse = false } = {}) {
  const span = h('span', { class: 'countdown', dataset: { deadline, coarse: coarse ? 'true' : null } });
  tickOne(span, serverNow());
  return span;
}

function tickOne(el, now) {
  const left = Date.parse(el.dataset.deadline) - now;
  if (Number.isNaN(left)) { el.textContent = '—'; return; }
  const overdue = left < 0;
  const coarse = el.dataset.coarse === 'true';
  const value = coarse ? formatSpan(left) : formatCountdown(left);
  const prefix = overdue ? 'overdue by ' : coarse ? 'due in ' : '';
  // the prefix may wrap onto its own line; the value never breaks
  if (el.firstChild && el.firstChild.nodeType === Node.TEXT_NODE && el.lastChild.className === 'value') {
    el.firstChild.nodeValue = prefix;
    el.lastChild.textContent = value;
  } else {
    el.replaceChildren(prefix, h('span', { class: 'value' }, value));
  }
  el.classList.toggle('overdue', overdue);
}

function tick() {
  const now = serverNow();
  for (const el of document.querySelectorAll('[data-deadline]')) tickOne(el, now);
  setTimeout(tick, 1000 - (now % 1000) + 5);
}

async function loadIncidents() {
  const page = await apiList('/v1/incidents?sort=-requestedAt&limit=200');
  state.incidents = page.items;
  if (unchanged('incidents', page.items)) return page.asOf;
  const select = $('#incident-select');
  const options = [h('option', { value: '' }, page.items.length ? `Choose one of ${page.items.length} incidents…` : 'No incidents')];
  for (const i of page.items) {
    options.push(h('option', { value: i.incidentId },
      `${i.title || i.incidentId} · ${human(i.status)}${i.requestingMemberState ? ' · ' + i.requestingMemberState : ''}`));
  }
  select.replaceChildren(...options);
  select.value = state.selectedIncident && page.items.some((i) => i.incidentId === state.selectedIncident) ? state.selectedIncident : '';
  return page.asOf;
}

async function loadMemberStates() {
  const page = await apiList('/v1/member-states?limit=200');
  if (unchanged('member-states', page.items)) return page.asOf;
  const body = bodyOf('member-states');
  if (!page.items.length) { render(body, emptyNote('No member state is involved in an incident')); return page.asOf; }
  const rows = [...page.items].sort((a, b) => a.memberState.localeCompare(b.memberState));
  render(body, table({
    caption: 'Incidents by how each member state is involved; choose one to list its incidents',
    rows,
    rowAttrs: (r) => ({ dataset: { memberState: r.memberState }, class: r.memberState === state.selectedMemberState ? 'selected' : null }),
    columns: [
      {
        label: 'Member state',
        cell: (r) => h('button', {
          type: 'button',
          class: 'row-button',
          'aria-expanded': r.memberState === state.selectedMemberState ? 'true' : 'false',
          'aria-controls': 'member-state-detail',
          dataset: { memberStateLink: r.memberState, focusKey: `ms:${r.memberState}` },
        }, h('span', { class: 'code' }, r.memberState), ' ', h('span', { class: 'name' }, countryName(r.memberState))),
      },
      { label: 'Requesting', numeric: true, cell: (r) => String(r.requesting) },
      { label: 'Affected', numeric: true, cell: (r) => String(r.affected) },
      { label: 'Assisting', numeric: true, cell: (r) => String(r.assisting) },
      { label: 'Open items', numeric: true, cell: (r) => r.openItems > 0 ? h('strong', {}, String(r.openItems)) : '0' },
    ],
  }));
  return page.asOf;
}

async function loadMemberStateDetail() {
  const code = state.selectedMemberState;
  const detail = $('#member-state-detail');
  if (!code) { detail.hidden = true; detail.replaceChildren(); return null; }
  let view;
  try {
    view = await api(`/v1/member-states/${encodeURIComponent(code)}`);
  } catch (err) {
    if (err.status !== 404) throw err;
    view = { memberState: code, incidents: [] };
  }
  if (state.selectedMemberState !== code) return view.asOf;
  const incidents = view.incidents || [];
  const heading = h('h3', { id: 'member-state-detail-heading', tabindex: '-1' }, `Incidents involving ${countryName(code)} (${code})`);
  const close = h('button', {
    type: 'button', class: 'control link-button', dataset: { focusKey: 'ms-close' },
    onclick: () => selectMemberState(null),
  }, 'Close list');
  detail.hidden = false;
  render(detail, h('div', { class: 'detail-head' }, heading, close),
    incidents.length ? table({
      caption: memberStateCaption(code, incidents.length, view.incidentCount),
      rows: incidents,
      rowAttrs: (r) => ({ dataset: { incidentId: r.incidentId } }),
      columns: [
        { label: 'Incident', cell: (r) => incidentCell(r.incidentId, r.title, r.tlp, 'ms-incidents') },
        { label: 'Relation', cell: (r) => (r.relations || []).map(human).join(', ') },
        {
          label: 'Status',
          cell: (r) => [stateBadge(r.status), h('span', { class: 'sub muted' }, human(r.classification)),
            r.phase ? h('span', { class: 'sub muted' }, human(r.phase)) : null],
        },
        { label: 'Open items', numeric: true, cell: (r) => String((r.openItems || []).length) },
      ],
    }) : emptyNote(`No incidents involve ${code}`));
  return view.asOf;
}

/** The view lists only a member state's newest incidents (contract v6); its incidentCount counts them all. */
function memberStateCaption(code, listed, total) {
  if (total > listed) return `newest ${listed} of ${total} incidents of ${code}`;
  return `${listed} incident${listed === 1 ? '' : 's'} of ${code}`;
}

function selectMemberState(code, { focus = false } = {}) {
  state.selectedMemberState = state.selectedMemberState === code ? null : code;
  for (const b of document.querySelectorAll('[data-member-state-link]')) {
    const on = b.dataset.memberStateLink === state.selectedMemberState;
    b.setAttribute('aria-expanded', on ? 'true' : 'false');
    b.closest('tr').classList.toggle('selected', on);
  }
  requestRefresh(['member-state-detail'], { immediate: true }).then(() => {
    if (focus && state.selectedMemberState) $('#member-state-detail-heading')?.focus();
  });
}

async function loadReviews() {
  const page = await apiList('/v1/reviews?state=DUE,OVERDUE&limit=200');
  if (unchanged('reviews', page.items)) return page.asOf;
  const body = bodyOf('reviews');
  if (!page.items.length) { render(body, emptyNote('No reviews due')); return page.asOf; }
  const rows = [...page.items].sort((a, b) => (Date.parse(a.dueBy) || 0) - (Date.parse(b.dueBy) || 0));
  const overdue = rows.filter((r) => r.state === 'OVERDUE').length;
  render(body, table({
    caption: `${rows.length} review${rows.length === 1 ? '' : 's'} to file, earliest due first: ${overdue} overdue`,
    rows,
    rowAttrs: (r) => ({ class: r.state === 'OVERDUE' ? 'overdue' : 'due', dataset: { incidentId: r.incidentId, reviewState: r.state } }),
    columns: [
      {
        label: 'Incident',
        cell: (r) => [incidentCell(r.incidentId, r.title, r.tlp, 'reviews'), h('span', { class: 'sub muted' }, r.msspId ? `MSSP ${r.msspId}` : 'no MSSP')],
      },
      { label: 'State', cell: (r) => stateBadge(r.state) },
      {
        label: 'Due by',
        class: 'time-left',
        cell: (r) => [timeEl(r.dueBy), r.dueBy ? h('span', { class: 'sub' }, countdown(r.dueBy, { coarse: true })) : null,
          r.closedAt ? h('span', { class: 'sub muted' }, 'closed ', timeEl(r.closedAt)) : null],
      },
    ],
  }));
  return page.asOf;
}

async function loadScorecards() {
  const page = await apiList('/v1/scorecards?limit=200');
  if (unchanged('scorecards', page.items)) return page.asOf;
  const body = bodyOf('scorecards');
  if (!page.items.length) { render(body, emptyNote('No provider scorecards yet')); return page.asOf; }
  const rows = [...page.items].sort((a, b) => a.msspId.localeCompare(b.msspId));
  render(body, table({
    caption: 'Per provider, over every incident it was matched to',
    rows,
    rowAttrs: (r) => ({ dataset: { msspId: r.msspId } }),
    columns: [
      { label: 'Provider', class: 'nowrap', cell: (r) => r.msspId },
      { label: 'Engagements', numeric: true, cell: (r) => String(r.engagements) },
      { label: 'Deployments', numeric: true, cell: (r) => String(r.deployments) },
      { label: 'Clocks met', numeric: true, cell: shareCell },
      { label: 'median', group: 'Time to remote support', numeric: true, cell: (r) => durationCell(r.timeToRemoteSupport, 'medianMillis') },
      { label: 'worst', group: 'Time to remote support', numeric: true, cell: (r) => durationCell(r.timeToRemoteSupport, 'worstMillis') },
      { label: 'median', group: 'Time to on-site support', numeric: true, cell: (r) => durationCell(r.timeToOnSite, 'medianMillis') },
      { label: 'worst', group: 'Time to on-site support', numeric: true, cell: (r) => durationCell(r.timeToOnSite, 'worstMillis') },
      { label: 'Reviews citing', numeric: true, cell: (r) => String(r.reviewsCiting) },
    ],
  }));
  return page.asOf;
}

function shareCell(r) {
  if (r.shareOfClocksMet == null) return h('span', { class: 'muted' }, 'none decided');
  const pct = Math.round(r.shareOfClocksMet * 100);
  const cls = pct >= 90 ? 'good' : pct >= 70 ? 'fair' : 'poor';
  return [h('span', { class: `share share-${cls}` }, `${pct} %`), h('span', { class: 'sub muted' }, `${r.clocksMet} of ${r.clocksDecided}`)];
}

function durationCell(summary, field) {
  if (!summary || summary[field] == null) return h('span', { class: 'muted' }, '—');
  return h('span', { title: `${summary.count} engagement${summary.count === 1 ? '' : 's'}` }, formatSpan(summary[field]));
}

// ------------------------------------------------------------------ the incident panel

async function loadIncident() {
  const id = state.selectedIncident;
  const body = bodyOf('incident');
  if (!id) {
    state.lastJson.delete('incident');
    render(body, h('p', { class: 'placeholder' }, 'Choose an incident here or in any table.'));
    return null;
  }
  let detail;
  try {
    detail = await api(`/v1/incidents/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err.status === 404 && state.selectedIncident === id) {
      state.lastJson.delete('incident');
      render(body, emptyNote(`Incident ${id} is not known, or not visible to your organisation.`));
      return null;
    }
    throw err;
  }
  if (state.selectedIncident !== id) return detail.asOf;
  if (unchanged('incident', detail, (d) => JSON.stringify({ ...d, asOf: undefined }))) return detail.asOf;
  render(body, incidentDetail(detail));
  return detail.asOf;
}

function incidentDetail(d) {
  const c = d.coordination || {};
  const sla = d.sla || { clocks: [] };
  const review = d.review;
  const title = c.title || d.incidentId;

  const facts = [
    ['Status', stateBadge(c.status)],
    ['Classification', human(c.classification)],
    ['Phase', c.phase ? human(c.phase) : 'not started'],
    ['MSSP', c.msspId || 'not matched'],
    ['Requesting', c.requestingMemberState ? `${countryName(c.requestingMemberState)} (${c.requestingMemberState})` : '—'],
    ['Affected', listOf(c.affectedMemberStates)],
    ['Assisting', listOf(c.assistingMemberStates)],
    ['Review', review ? [stateBadge(review.state), review.dueBy && review.state !== 'FILED' ? [' due ', timeEl(review.dueBy)] : null] : '—'],
  ];

  const parts = [
    h('div', { class: 'incident-head' },
      h('h3', { id: 'incident-title', tabindex: '-1' }, title),
      h('p', { class: 'incident-tags' }, tlpBadge(d.tlp || c.tlp), ' ',
        c.crossBorder ? h('span', { class: 'badge cross-border' }, 'Cross-border') : null,
        h('span', { class: 'muted incident-id' }, d.incidentId))),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
  ];

  const open = c.openItems || [];
  parts.push(h('h4', {}, `Open items (${open.length})`));
  parts.push(open.length ? table({
    caption: 'What waits for whom, oldest first',
    rows: open,
    rowAttrs: (o) => ({ class: /OVERDUE/.test(o.kind) ? 'overdue' : null }),
    columns: [
      { label: 'Waiting for', cell: (o) => OPEN_ITEMS[o.kind] || human(o.kind) },
      { label: 'Owner', cell: (o) => owner(o.owner) },
      { label: 'Since', cell: (o) => timeEl(o.since) },
    ],
  }) : emptyNote('Nothing waits'));

  const clocks = sla.clocks || [];
  if (clocks.length) {
    parts.push(h('h4', {}, 'SLA clocks'));
    parts.push(table({
      caption: 'Every clock started so far',
      rows: clocks,
      rowAttrs: (k) => ({ class: k.state === 'BREACHED' ? 'breached' : k.state === 'AT_RISK' ? 'at-risk' : null }),
      columns: [
        { label: 'Clock', cell: clockName },
        { label: 'State', cell: (k) => stateBadge(k.state) },
        { label: 'Deadline', cell: (k) => timeEl(k.deadline) },
        {
          label: 'Left / ended', numeric: true, class: 'time-left',
          cell: (k) => k.endedAt ? [timeEl(k.endedAt), k.latenessMillis ? ` (${formatSpan(k.latenessMillis)} late)` : ''] : countdown(k.deadline),
        },
      ],
    }));
  }

  const participants = c.participants || [];
  if (participants.length) {
    parts.push(h('h4', {}, `Participants (${participants.length})`));
    parts.push(table({
      caption: 'Who works on the incident, by when they joined',
      rows: participants,
      columns: [
        { label: 'Organisation', cell: (p) => p.organisationId },
        { label: 'Role', cell: (p) => roleName(p.role) },
        { label: 'Member state', cell: (p) => p.memberState ? msCell(p.memberState) : 'EU' },
        { label: 'Joined', cell: (p) => timeEl(p.joinedAt) },
      ],
    }));
  }

  const report = c.latestSituationReport;
  if (report) {
    const acked = report.acknowledgedBy || [];
    const overdue = new Set(report.overdue || []);
    const waiting = report.awaitingAcknowledgement || [];
    parts.push(h('h4', {}, 'Latest situation report'));
    parts.push(h('div', { class: 'report' },
      h('p', { class: 'report-meta' }, `${report.reportedBy}, `, timeEl(report.reportedAt)),
      h('blockquote', {}, report.summary),
      h('p', {}, h('strong', {}, 'Acknowledged: '), acked.length ? acked.map((a) => a.organisationId).join(', ') : 'nobody yet'),
      waiting.length ? h('p', {}, h('strong', {}, 'Awaiting: '),
        waiting.map((o, i) => [i ? ', ' : '', overdue.has(o) ? h('span', { class: 'badge state-overdue' }, `${o}: OVERDUE`) : o]),
        ' (by ', timeEl(report.acknowledgeBy), ')') : null));
  }

  const assistance = c.assistance || [];
  if (assistance.length) {
    parts.push(h('h4', {}, 'Mutual assistance'));
    parts.push(h('ul', { class: 'assistance' }, assistance.map((a) => h('li', {},
      h('p', {}, stateBadge(a.state), ' ', `${a.requestedBy} asked ${a.requestedFrom && a.requestedFrom.length ? a.requestedFrom.join(', ') : 'all member states'} for `,
        (a.capabilitiesNeeded || []).map(human).join(', ') || 'assistance', ', ', timeEl(a.requestedAt)),
      (a.offers || []).length ? h('ul', {}, a.offers.map((o) => h('li', {},
        stateBadge(o.state), ` ${countryName(o.offeringMemberState)} offers `, (o.capabilitiesOffered || []).map(human).join(', '), ', ', timeEl(o.offeredAt)))) : null))));
  }

  parts.push(h('h4', {}, 'Timeline'));
  const entries = timeline(c, sla, review);
  parts.push(entries.length ? timelineList(entries) : emptyNote('No dated facts yet'));
  return h('article', { class: 'incident-detail', 'aria-labelledby': 'incident-title', dataset: { incidentId: d.incidentId } }, parts);
}

function listOf(codes) {
  if (!codes || !codes.length) return '—';
  return codes.map((c, i) => [i ? ', ' : '', msCell(c)]);
}

/** The incident's dated facts, composed from its views, oldest first. */
function timeline(c, sla, review) {
  const out = [];
  const add = (at, what, detail, kind) => {
    const t = Date.parse(at);
    if (!Number.isNaN(t)) out.push({ at, t, what, detail, kind, seq: out.length });
  };
  (c.classificationHistory || []).forEach((ch, i) => add(ch.at,
    i === 0 ? `Support requested, classified ${human(ch.classification).toLowerCase()}` : `Reclassified ${human(ch.classification).toLowerCase()}`,
    ch.reason, 'classification'));
  for (const p of c.participants || []) {
    add(p.joinedAt, `${p.organisationId} joined (${roleName(p.role)})`, p.memberState ? countryName(p.memberState) : null, 'participant');
  }
  for (const k of (sla && sla.clocks) || []) {
    add(k.startedAt, `Clock started: ${clockName(k)}`, null, 'clock');
    if (k.endedAt) {
      add(k.endedAt, `Clock ${human(k.state).toLowerCase()}: ${clockName(k)}`, k.latenessMillis ? `${formatSpan(k.latenessMillis)} after the deadline` : null,
        k.state === 'MET' ? 'met' : 'late');
    }
    if (!k.endedAt || k.latenessMillis) {
      add(k.deadline, `Deadline: ${clockName(k)}`, k.endedAt ? null : human(k.state), k.state === 'BREACHED' ? 'breach' : 'deadline');
    }
  }
  const r = c.latestSituationReport;
  if (r) {
    add(r.reportedAt, `Situation report by ${r.reportedBy}`, r.summary, 'report');
    for (const a of r.acknowledgedBy || []) add(a.at, `${a.organisationId} acknowledged the report`, null, 'report');
    if ((r.awaitingAcknowledgement || []).length) {
      add(r.acknowledgeBy, 'Acknowledgements due', `awaiting ${r.awaitingAcknowledgement.join(', ')}`, (r.overdue || []).length ? 'breach' : 'deadline');
    }
  }
  for (const a of c.assistance || []) {
    add(a.requestedAt, `Mutual assistance requested by ${a.requestedBy}`, (a.capabilitiesNeeded || []).map(human).join(', '), 'assistance');
    for (const o of a.offers || []) {
      add(o.offeredAt, `${countryName(o.offeringMemberState)} offered assistance`, (o.capabilitiesOffered || []).map(human).join(', '), 'assistance');
      if (o.decidedAt) add(o.decidedAt, `Offer from ${countryName(o.offeringMemberState)} ${o.state === 'DECLINED' ? 'declined' : 'accepted'}`, null, 'assistance');
      if (o.fulfilledAt) add(o.fulfilledAt, `Assistance from ${countryName(o.offeringMemberState)} fulfilled`, null, 'assistance');
    }
  }
  if (review) {
    if (review.closedAt) add(review.closedAt, 'Incident closed', null, 'closed');
    if (review.filedAt) add(review.filedAt, 'Post-incident review filed', review.findings ? review.findings.rootCause : null, 'met');
    else if (review.dueBy) add(review.dueBy, 'Post-incident review due', human(review.state), review.state === 'OVERDUE' ? 'breach' : 'deadline');
  }
  return out.sort((a, b) => a.t - b.t || a.seq - b.seq);
}

function timelineList(entries) {
  const now = serverNow();
  const items = [];
  let nowShown = false;
  for (const e of entries) {
    if (!nowShown && e.t > now) {
      items.push(h('li', { class: 'now' }, h('span', { class: 'what' }, 'Now')));
      nowShown = true;
    }
    items.push(h('li', { class: `kind-${e.kind}${e.t > now ? ' future' : ''}` },
      timeEl(e.at),
      h('span', { class: 'what' }, e.t > now ? `${e.what} (upcoming)` : e.what),
      e.detail ? h('span', { class: 'detail' }, e.detail) : null));
  }
  return h('ol', { class: 'timeline', 'aria-label': 'Timeline, oldest first' }, items);
}

function selectIncident(id, { focus = false } = {}) {
  if (!id) return;
  state.selectedIncident = id;
  $('#incident-select').value = state.incidents.some((i) => i.incidentId === id) ? id : '';
  const url = new URL(location.href);
  url.searchParams.set('incident', id);
  history.replaceState(null, '', url.pathname + url.search);
  markSelected();
  state.lastJson.delete('incident');
  bodyOf('incident').setAttribute('aria-busy', 'true');
  requestRefresh(['incident'], { immediate: true }).then(() => {
    bodyOf('incident').removeAttribute('aria-busy');
    if (focus && !document.body.classList.contains('wall')) {
      const heading = $('#incident-title');
      if (heading) {
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: 'nearest' });
      }
    }
  });
}

function markSelected() {
  for (const tr of document.querySelectorAll('tr[data-incident-id]')) {
    const on = tr.dataset.incidentId === state.selectedIncident && !tr.closest('#incident');
    tr.classList.toggle('selected', on);
  }
}

// ------------------------------------------------------------------ refreshing

const LOADERS = {
  incidents: loadIncidents,
  clocks: loadClocks,
  'member-states': loadMemberStates,
  'member-state-detail': loadMemberStateDetail,
  reviews: loadReviews,
  scorecards: loadScorecards,
  incident: loadIncident,
};

const PANEL_OF = { incidents: 'incident', 'member-state-detail': 'member-states' };

/** True (and nothing to render) when the data is what the panel already shows. */
function unchanged(panel, data, serialise = JSON.stringify) {
  const json = serialise(data);
  if (state.lastJson.get(panel) === json) return true;
  state.lastJson.set(panel, json);
  return false;
}

/** Which panels a view change feeds. */
function panelsFor(ev) {
  const own = ev.key && ev.key === state.selectedIncident ? ['incident'] : [];
  switch (ev.view) {
    case 'sla':
    case 'alert': return ['clocks', ...own];
    case 'coordination': return ['incidents', ...own];
    case 'review': return ['reviews', ...own];
    case 'member-state': return ['member-states', ...(ev.key && ev.key === state.selectedMemberState ? ['member-state-detail'] : [])];
    case 'scorecard': return ['scorecards'];
    case 'lessons': return [];
    default: return allPanels();
  }
}

function allPanels() {
  return [...PANELS, 'member-state-detail', 'incident'];
}

/**
 * Queues panels for the next refresh round. Rounds start DEBOUNCE_MS after the first queued
 * panel (events arriving meanwhile join it) and never overlap; resolves when the panels are done.
 */
function requestRefresh(panels, { immediate = false } = {}) {
  for (const p of panels) state.pending.add(p);
  if (!state.waiters) state.waiters = [];
  const done = new Promise((resolve) => state.waiters.push(resolve));
  if (!state.timer) state.timer = setTimeout(runRefresh, immediate ? 0 : DEBOUNCE_MS);
  return done;
}

async function runRefresh() {
  if (state.running) { await state.running; }
  state.timer = null;
  if (!state.pending.size || !state.signedIn) {
    const waiters = state.waiters || []; state.waiters = []; waiters.forEach((w) => w());
    return;
  }
  const panels = [...state.pending];
  const waiters = state.waiters || [];
  state.pending.clear();
  state.waiters = [];
  state.running = (async () => {
    const results = await Promise.allSettled(panels.map((p) => LOADERS[p]()));
    let latest = null;
    results.forEach((r, i) => {
      const panel = PANEL_OF[panels[i]] || panels[i];
      if (r.status === 'fulfilled') {
        clearPanelError(panel);
        if (r.value && (!latest || Date.parse(r.value) > Date.parse(latest))) latest = r.value;
      } else if (r.reason instanceof ApiError && r.reason.status === 403) {
        // this organisation's role may not read the view: say so instead of showing an error
        clearPanelError(panel);
        state.lastJson.delete(panels[i]);
        const body = panels[i] === 'member-state-detail' ? $('#member-state-detail') : bodyOf(panel);
        if (body && panels[i] !== 'incidents') render(body, emptyNote(`Not available to your organisation (${r.reason.message})`));
      } else if (!(r.reason instanceof ApiError && r.reason.status === 401)) {
        showPanelError(panel, r.reason);
      }
    });
    if (latest) setUpdatedAt(latest);
  })();
  try { await state.running; } finally { state.running = null; }
  waiters.forEach((w) => w());
  if (state.pending.size && !state.timer) state.timer = setTimeout(runRefresh, 0);
}

function setUpdatedAt(iso) {
  if (state.updatedAt && Date.parse(iso) <= Date.parse(state.updatedAt)) {
    // the same instant again: keep the attribute moving so "an update was applied" stays observable
    iso = new Date(Date.parse(state.updatedAt) + 1).toISOString();
  }
  state.updatedAt = iso;
  document.body.dataset.updatedAt = iso;
  const dd = $('#updated-at');
  dd.replaceChildren(h('time', { datetime: iso, title: iso }, clockFormat.format(new Date(iso))));
}

// ------------------------------------------------------------------ announcements

let announceQueue = [];
let announceTimer = null;

/** Polite announcements, gathered for a second so a burst of updates is read as one message. */
function announce(text) {
  announceQueue.push(text);
  if (announceTimer) return;
  announceTimer = setTimeout(() => {
    const region = $('#announcer');
    const unique = [...new Set(announceQueue)];
    region.textContent = unique.slice(0, 3).join(' ') + (unique.length > 3 ? ` And ${unique.length - 3} more updates.` : '');
    announceQueue = [];
    announceTimer = null;
  }, 1000);
}

// ------------------------------------------------------------------ the live stream

function setStream(value) {
  if (document.body.dataset.stream === value) return;
  document.body.dataset.stream = value;
  const el = $('#stream-state');
  el.textContent = value === 'live' ? 'live' : value === 'reconnecting' ? 'reconnecting…' : 'connecting…';
  if (value === 'live') announce('Live updates connected.');
  else if (value === 'reconnecting') announce('Live updates interrupted; reconnecting.');
}

/** Reads GET /v1/stream until the page signs out, reconnecting with backoff 1 s, 2 s, 5 s. */
async function streamLoop() {
  const generation = ++state.streamGeneration;
  let failures = 0;
  setStream('connecting');
  while (state.signedIn && generation === state.streamGeneration) {
    const controller = new AbortController();
    state.stream = controller;
    let wait = STREAM_BACKOFF_MS[Math.min(failures, STREAM_BACKOFF_MS.length - 1)];
    let lastByte = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastByte > STREAM_SILENCE_MS) controller.abort();
    }, 5000);
    try {
      const res = await fetch('/v1/stream', {
        headers: authHeaders({ Accept: 'text/event-stream' }), cache: 'no-store', signal: controller.signal,
      });
      if (res.status === 401) { unauthorized(); return; }
      if (res.status === 503) { wait = Math.max(wait, retryAfterMs(res)); throw new Error('stream unavailable'); }
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      await readEvents(res.body, (event, data) => {
        if (event === 'ready') {
          failures = 0;
          setStream('live');
          requestRefresh(allPanels()); // whatever changed while we were away
        } else if (event === 'expired') {
          unauthorized(); // the token ran out: sign in again
        } else if (event === 'resync') {
          requestRefresh(allPanels()); // the server may have missed changes for us: read everything again
        } else if (event === 'view') {
          let ev;
          try { ev = JSON.parse(data); } catch { return; }
          const panels = panelsFor(ev);
          if (panels.length) requestRefresh(panels);
        }
      }, () => { lastByte = Date.now(); });
      throw new Error('stream ended');
    } catch (err) {
      if (!state.signedIn || generation !== state.streamGeneration) return;
      failures++;
      setStream('reconnecting');
    } finally {
      clearInterval(watchdog);
    }
    await sleep(wait);
  }
}

/** Parses text/event-stream: fields per line, events end at a blank line, ':' lines are comments. */
async function readEvents(body, onEvent, onBytes) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (!done) {
      onBytes();
      buffer += decoder.decode(value, { stream: true });
    }
    let match;
    while ((match = /\r\n|\r|\n/.exec(buffer))) {
      // a lone \r at the very end may be the first half of \r\n: wait for more, unless there is no more
      if (!done && match[0] === '\r' && match.index === buffer.length - 1) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (data.length || event) onEvent(event || 'message', data.join('\n'));
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? '' : line.slice(colon + 1);
      if (val.startsWith(' ')) val = val.slice(1);
      if (field === 'event') event = val;
      else if (field === 'data') data.push(val);
    }
    if (done) return; // an event without its closing blank line is dropped, as the SSE rules say
  }
}

// ------------------------------------------------------------------ signing in

function tokenFromFragment() {
  if (!location.hash) return null;
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (!token) return null;
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', location.pathname + location.search);
  return token;
}

function showSignIn(message) {
  state.signedIn = false;
  state.streamGeneration++;
  if (state.stream) state.stream.abort();
  $('#main').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message || '';
  $('#me').textContent = 'not signed in';
  $('#sign-out').hidden = true;
  $('#token-input').focus();
}

function unauthorized() {
  if (!state.signedIn) return;
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  showSignIn('Your session has ended. Sign in again.');
}

async function signIn() {
  state.token = sessionStorage.getItem(TOKEN_KEY);
  let me;
  try {
    me = await fetch('/v1/me', { headers: authHeaders({ Accept: 'application/json' }), cache: 'no-store' });
  } catch (err) {
    $('#me').textContent = 'API unreachable';
    setStream('reconnecting');
    setTimeout(signIn, 5000);
    return;
  }
  if (me.status === 401 || me.status === 403) {
    const problem = await readProblem(me);
    if (state.token) sessionStorage.removeItem(TOKEN_KEY);
    const hadToken = Boolean(state.token);
    state.token = null;
    showSignIn(hadToken || me.status === 403 ? `Not accepted: ${problem.detail || problem.title || me.status}` : '');
    return;
  }
  if (me.status === 503) { setTimeout(signIn, retryAfterMs(me)); return; }
  if (!me.ok) {
    $('#me').textContent = `error ${me.status}`;
    setTimeout(signIn, 5000);
    return;
  }
  state.me = await me.json();
  state.signedIn = true;
  $('#sign-in').hidden = true;
  $('#main').hidden = false;
  $('#sign-out').hidden = !state.token;
  const m = state.me;
  $('#me').replaceChildren(h('strong', {}, m.organisationId), ` · ${m.role}`,
    m.memberState ? ` · ${m.memberState}` : '', m.auditor ? ' · auditor' : '');
  state.lastJson.clear();
  requestRefresh(allPanels());
  streamLoop();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  showSignIn('Signed out.');
}

// ------------------------------------------------------------------ wall view

function setWall(on) {
  document.documentElement.classList.toggle('wall', on);
  document.body.classList.toggle('wall', on);
  $('#wall-toggle').setAttribute('aria-pressed', on ? 'true' : 'false');
  const url = new URL(location.href);
  if (on) url.searchParams.set('wall', '1'); else url.searchParams.delete('wall');
  history.replaceState(null, '', url.pathname + url.search);
}

// ------------------------------------------------------------------ start

function wire() {
  document.addEventListener('click', (e) => {
    const link = e.target.closest('[data-incident-link]');
    if (link) { selectIncident(link.dataset.incidentLink, { focus: true }); return; }
    const ms = e.target.closest('[data-member-state-link]');
    if (ms) { selectMemberState(ms.dataset.memberStateLink, { focus: true }); return; }
    // a click anywhere on a member state's row (the button in it is the keyboard's way)
    const row = e.target.closest('#member-states tbody tr[data-member-state]');
    if (row && !e.target.closest('button, a')) selectMemberState(row.dataset.memberState);
  });
  $('#incident-select').addEventListener('change', (e) => {
    if (e.target.value) selectIncident(e.target.value);
  });
  $('#wall-toggle').addEventListener('click', () => setWall(!document.body.classList.contains('wall')));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.body.classList.contains('wall')) setWall(false);
  });
  $('#sign-out').addEventListener('click', signOut);
  $('#sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('#token-input').value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#token-input').value = '';
    signIn();
  });
  window.addEventListener('hashchange', () => {
    if (tokenFromFragment()) { state.signedIn = false; state.streamGeneration++; if (state.stream) state.stream.abort(); signIn(); }
  });
  setInterval(() => {
    if (!state.signedIn) return;
    state.lastJson.delete('incident'); // re-render, so the timeline's "Now" moves on
    requestRefresh(allPanels());
  }, SAFETY_REFRESH_MS);
}

tokenFromFragment();
wire();
$('#time-zone').textContent = timeZoneLabel();
setWall(query.get('wall') === '1');
tick();
signIn();
