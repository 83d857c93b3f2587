/*
 * Lintas process diagram: renders a BPMN diagram with the vendored bpmn-js viewer and marks what an
 * instance has done. No inline script is needed (the app's Content-Security-Policy allows only
 * self-hosted scripts): the module reads its inputs from the page.
 *
 * Page markup (load bpmn-viewer.production.min.js before this file; both with `defer` is fine):
 *
 *   <div class="lintas-diagram" data-bpmn-url="/.../bpmn" data-states-url="/.../states"
 *        data-label="Diagram proses Pengaduan Jalan Rusak"></div>
 *
 * GET data-bpmn-url returns the BPMN 2.0 XML; GET data-states-url (optional) returns
 *   {"completed": [ids], "active": [ids], "failed": [ids],
 *    "sla": {"<id>": {"state": "on_time|due_soon|breached|met|late", "label": "3 hari kerja lagi"}}}
 *
 * The module builds inside the container: zoom buttons, the diagram (focusable; + - 0 and arrow keys),
 * a legend, and a text list of the steps and their state (for screen readers, and for tests). When
 * done the container carries data-diagram-state="ready" (or "error", with a message in the page).
 * Element markers (CSS classes on the shapes): lintas-completed, lintas-active, lintas-failed,
 * lintas-sla-<state>. Texts follow the nearest lang attribute (id, else en).
 * A `lintas:diagram-refresh` event on the container reloads the states; containers added by htmx
 * are picked up on `htmx:load`. Whatever the container held (a no-script fallback) is replaced.
 */
(function () {
  'use strict';

  var TEXT = {
    id: {
      zoomIn: 'Perbesar', zoomOut: 'Perkecil', fit: 'Pas layar', toolbar: 'Kendali tampilan diagram',
      canvas: 'Diagram proses. Tombol + dan - memperbesar dan memperkecil, 0 menyesuaikan layar, panah menggeser. ' +
        'Daftar langkah dan statusnya ada di bawah diagram.',
      steps: 'Langkah proses dan statusnya', loading: 'Memuat diagram…', failed: 'Diagram tidak dapat dimuat.',
      states: { completed: 'selesai', active: 'sedang berjalan', failed: 'gagal', none: 'belum dijalankan' },
      deadline: 'tenggat', unnamed: { start: 'Mulai', end: 'Akhir', gateway: 'Percabangan', other: 'Langkah' }
    },
    en: {
      zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit to screen', toolbar: 'Diagram view controls',
      canvas: 'Process diagram. Keys + and - zoom in and out, 0 fits the screen, arrows move it. ' +
        'The list of steps and their state follows the diagram.',
      steps: 'Process steps and their state', loading: 'Loading the diagram…', failed: 'The diagram could not be loaded.',
      states: { completed: 'completed', active: 'in progress', failed: 'failed', none: 'not reached' },
      deadline: 'deadline', unnamed: { start: 'Start', end: 'End', gateway: 'Gateway', other: 'Step' }
    }
  };
  var SLA_STATES = ['on_time', 'due_soon', 'breached', 'met', 'late'];
  var BADGED_SLA = { on_time: true, due_soon: true, breached: true, late: true };   // "met" needs no badge
  var OVERLAY = 'lintas';
  var ZOOM_STEP = 1.25;
  var PAN_STEP = 60;
  var started = typeof WeakSet === 'function' ? new WeakSet() : null;

  function textsFor(el) {
    var holder = el.closest('[lang]');
    var lang = ((holder && holder.getAttribute('lang')) || 'id').toLowerCase().split('-')[0];
    return TEXT[lang] || TEXT.en;
  }

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function fetchOk(url, as) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: as === 'json' ? 'application/json' : 'application/xml, text/xml' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status + ' ' + url); }
        return as === 'json' ? response.json() : response.text();
      });
  }

  function idList(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === 'string'; }) : [];
  }

  // One state per element; a step in a loop can be both completed and active, and "failed" wins.
  function normalise(raw) {
    var data = raw && typeof raw === 'object' ? raw : {};
    var state = {};
    idList(data.completed).forEach(function (id) { state[id] = 'completed'; });
    idList(data.active).forEach(function (id) { state[id] = 'active'; });
    idList(data.failed).forEach(function (id) { state[id] = 'failed'; });
    var sla = {};
    var rawSla = data.sla && typeof data.sla === 'object' ? data.sla : {};
    Object.keys(rawSla).forEach(function (id) {
      var entry = rawSla[id];
      if (entry && SLA_STATES.indexOf(entry.state) >= 0) {
        sla[id] = { state: entry.state, label: typeof entry.label === 'string' ? entry.label : '' };
      }
    });
    return { state: state, sla: sla };
  }

  function isStep(element) {
    var type = element.type || '';
    if (element.labelTarget || !element.businessObject) { return false; }
    return /Task$|^bpmn:(SubProcess|CallActivity|Transaction|AdHocSubProcess)$|Event$|Gateway$/.test(type);
  }

  function stepName(element, t) {
    var name = (element.businessObject.name || '').replace(/\s+/g, ' ').trim();
    if (name) { return name; }
    var type = element.type;
    if (/StartEvent$/.test(type)) { return t.unnamed.start; }
    if (/EndEvent$/.test(type)) { return t.unnamed.end; }
    if (/Gateway$/.test(type)) { return t.unnamed.gateway; }
    return t.unnamed.other + ' ' + element.id;
  }

  function Diagram(container) {
    this.container = container;
    this.t = textsFor(container);
    this.viewer = null;
    this.markers = [];
    this.build();
  }

  Diagram.prototype.build = function () {
    var t = this.t, self = this, c = this.container;
    c.classList.add('lintas-diagram');
    c.setAttribute('data-diagram-state', 'loading');
    var toolbar = make('div', 'lintas-diagram-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', t.toolbar);
    [['in', t.zoomIn], ['out', t.zoomOut], ['fit', t.fit]].forEach(function (pair) {
      var button = make('button', 'lintas-diagram-zoom', pair[1]);
      button.type = 'button';
      button.setAttribute('data-zoom', pair[0]);
      button.addEventListener('click', function () { self.zoom(pair[0]); });
      toolbar.appendChild(button);
    });
    this.canvasEl = make('div', 'lintas-diagram-canvas');
    this.canvasEl.tabIndex = 0;
    this.canvasEl.setAttribute('role', 'group');
    this.canvasEl.setAttribute('aria-label', c.getAttribute('data-label') ? c.getAttribute('data-label') + '. ' + t.canvas : t.canvas);
    this.canvasEl.addEventListener('keydown', function (event) { self.onKey(event); });
    this.status = make('p', 'lintas-diagram-status', t.loading);
    this.status.setAttribute('role', 'status');
    this.legend = make('ul', 'lintas-diagram-legend');
    ['completed', 'active', 'failed'].forEach(function (state) {
      var item = make('li', 'lintas-legend-' + state);
      var swatch = make('span', 'lintas-legend-swatch');
      swatch.setAttribute('aria-hidden', 'true');
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(t.states[state]));
      self.legend.appendChild(item);
    });
    this.legend.hidden = true;
    this.steps = make('ol', 'lintas-diagram-steps');
    this.steps.setAttribute('aria-label', t.steps);
    c.replaceChildren(toolbar, this.canvasEl, this.status, this.legend, this.steps);
    c.addEventListener('lintas:diagram-refresh', function () { self.refresh(); });
  };

  Diagram.prototype.load = function () {
    var self = this, c = this.container;
    var statesUrl = c.getAttribute('data-states-url');
    if (typeof window.BpmnJS !== 'function') { return Promise.resolve(this.fail()); }
    return Promise.all([fetchOk(c.getAttribute('data-bpmn-url'), 'xml'), statesUrl ? fetchOk(statesUrl, 'json') : null])
      .then(function (loaded) {
        self.viewer = new window.BpmnJS({ container: self.canvasEl });
        return self.viewer.importXML(loaded[0]).then(function () { return loaded[1]; });
      })
      .then(function (states) {
        self.fitWhenVisible();
        self.apply(normalise(states));
        self.status.textContent = '';
        self.legend.hidden = false;
        c.setAttribute('data-diagram-state', 'ready');
      })
      .catch(function () { self.fail(); });
  };

  // A diagram in a hidden tab or closed <details> has no size yet: fitting it then would compute a
  // NaN zoom. Fit once it has a size, and tell the canvas whenever its box changes.
  Diagram.prototype.fitWhenVisible = function () {
    var self = this, canvas = this.viewer.get('canvas'), fitted = false;
    function check() {
      if (self.canvasEl.clientWidth > 0 && self.canvasEl.clientHeight > 0) {
        canvas.resized();
        if (!fitted) { canvas.zoom('fit-viewport', 'auto'); fitted = true; }
      }
    }
    check();
    if (typeof ResizeObserver === 'function') { new ResizeObserver(check).observe(this.canvasEl); }
  };

  Diagram.prototype.refresh = function () {
    var self = this, url = this.container.getAttribute('data-states-url');
    if (!this.viewer || !url) { return Promise.resolve(); }
    return fetchOk(url, 'json').then(function (states) { self.apply(normalise(states)); }).catch(function () { self.fail(); });
  };

  Diagram.prototype.fail = function () {
    this.status.textContent = this.t.failed;
    this.container.setAttribute('data-diagram-state', 'error');
  };

  Diagram.prototype.apply = function (data) {
    var canvas = this.viewer.get('canvas'), overlays = this.viewer.get('overlays');
    var registry = this.viewer.get('elementRegistry'), t = this.t;
    this.markers.forEach(function (pair) { canvas.removeMarker(pair[0], pair[1]); });
    this.markers = [];
    overlays.remove({ type: OVERLAY });
    var self = this;
    function mark(id, marker) { canvas.addMarker(id, marker); self.markers.push([id, marker]); }
    Object.keys(data.state).forEach(function (id) {
      var state = data.state[id];
      if (!registry.get(id)) { return; }        // ids of another version or hidden internals: ignore
      mark(id, 'lintas-' + state);
      if (state === 'failed') { self.badge(id, 'lintas-badge lintas-badge-failed', t.states.failed, 'left'); }
    });
    Object.keys(data.sla).forEach(function (id) {
      var sla = data.sla[id];
      if (!registry.get(id)) { return; }
      mark(id, 'lintas-sla-' + sla.state);
      if (BADGED_SLA[sla.state] && sla.label) { self.badge(id, 'lintas-badge lintas-sla-badge lintas-sla-badge-' + sla.state, sla.label, 'right'); }
    });
    this.list(registry, data);
  };

  Diagram.prototype.badge = function (id, className, text, side) {
    var html = make('span', className, text);
    var position = side === 'left' ? { top: -12, left: -6 } : { top: -12, right: 6 };
    this.viewer.get('overlays').add(id, OVERLAY, { position: position, html: html });
  };

  Diagram.prototype.list = function (registry, data) {
    var t = this.t;
    var steps = registry.filter(function (element) {
      return isStep(element) && (element.businessObject.name || data.state[element.id] || data.sla[element.id]);
    });
    steps.sort(function (a, b) { return (a.x - b.x) || (a.y - b.y); });
    var items = steps.map(function (element) {
      var state = data.state[element.id] || 'none', sla = data.sla[element.id];
      var item = make('li', 'lintas-step lintas-step-' + state);
      item.setAttribute('data-element-id', element.id);
      item.setAttribute('data-state', state);
      item.appendChild(make('span', 'lintas-step-name', stepName(element, t)));
      item.appendChild(document.createTextNode(': '));
      item.appendChild(make('span', 'lintas-step-state', t.states[state]));
      if (sla) {
        item.setAttribute('data-sla', sla.state);
        item.appendChild(document.createTextNode(' — ' + t.deadline + ': '));
        item.appendChild(make('span', 'lintas-step-sla', sla.label || sla.state));
      }
      return item;
    });
    this.steps.replaceChildren.apply(this.steps, items);
  };

  Diagram.prototype.zoom = function (how) {
    if (!this.viewer) { return; }
    var canvas = this.viewer.get('canvas');
    if (!this.canvasEl.clientWidth) { return; }
    if (how === 'fit') { canvas.zoom('fit-viewport', 'auto'); return; }
    var current = canvas.zoom();
    canvas.zoom(Math.min(4, Math.max(0.2, how === 'in' ? current * ZOOM_STEP : current / ZOOM_STEP)));
  };

  Diagram.prototype.onKey = function (event) {
    if (!this.viewer || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var moves = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
    var zooms = { '+': 'in', '=': 'in', '-': 'out', '0': 'fit' };
    if (moves[event.key]) {
      this.viewer.get('canvas').scroll({ dx: moves[event.key][0], dy: moves[event.key][1] });
    } else if (zooms[event.key]) {
      this.zoom(zooms[event.key]);
    } else {
      return;
    }
    event.preventDefault();
  };

  function init(container) {
    if (started) {
      if (started.has(container)) { return null; }
      started.add(container);
    }
    var diagram = new Diagram(container);
    diagram.load();
    return diagram;
  }

  function initWithin(root) {
    if (!root || !root.querySelectorAll) { return; }
    if (root.matches && root.matches('[data-bpmn-url]')) { init(root); }
    Array.prototype.forEach.call(root.querySelectorAll('[data-bpmn-url]'), init);
  }

  window.LintasDiagram = { init: init };
  document.addEventListener('htmx:load', function (event) { initWithin(event.target); });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { initWithin(document); });
  } else {
    initWithin(document);
  }
}());
