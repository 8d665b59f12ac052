// The GPU monitor webview: renders what the extension posts (`init`, `sample`, `status`); every text
// comes translated in `init.strings` and is set with textContent, never as HTML. No network, no eval.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  /** @type {{ strings: Record<string, string>, vm: string, historyMs: number, samples: any[], status: { kind: string, text: string } }} */
  const state = { strings: {}, vm: '', historyMs: 600000, samples: [], status: { kind: 'sampling', text: '' } };

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'init') {
      state.strings = m.strings || {};
      state.vm = String(m.vm || '');
      state.historyMs = Number(m.historyMs) || state.historyMs;
      state.samples = Array.isArray(m.samples) ? m.samples : [];
      if (m.status) state.status = m.status;
    } else if (m.type === 'sample') {
      state.samples.push(m.sample);
      const oldest = m.sample.at - state.historyMs;
      while (state.samples.length && state.samples[0].at < oldest) state.samples.shift();
    } else if (m.type === 'status') {
      state.status = m.status;
    } else {
      return;
    }
    render();
  });
  vscode.postMessage({ type: 'ready' });

  /** @param {string} key @param {...(string|number)} args */
  function t(key, ...args) {
    const template = state.strings[key] || key;
    return template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
  }

  /** @param {string} tag @param {string} [cls] @param {string} [text] */
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render() {
    const root = /** @type {HTMLElement} */ (document.getElementById('root'));
    root.replaceChildren();
    const header = el('header');
    header.append(el('h1', '', t('title', state.vm)));
    header.append(el('span', state.status.kind === 'problem' ? 'status problem' : 'status', state.status.text));
    root.append(header);
    const latest = state.samples[state.samples.length - 1];
    if (!latest) {
      root.append(el('p', 'empty', t('waiting')));
      return;
    }
    if (latest.kind !== 'ok') {
      root.append(el('div', 'notice', latest.text || t('noReading')));
      if (!latest.gpus || latest.gpus.length === 0) return;
    }
    const grid = el('section', 'gpus');
    for (const gpu of latest.gpus) grid.append(gpuCard(gpu));
    root.append(grid);
    root.append(el('h2', '', t('processes')));
    root.append(processTable(latest));
  }

  /** @param {any} gpu */
  function gpuCard(gpu) {
    const card = el('article', 'gpu');
    card.append(el('h2', '', t('gpuTitle', gpu.index, gpu.name)));
    const figures = el('div', 'figures');
    const gib = (/** @type {number|null} */ mib) => (mib === null ? '—' : (mib / 1024).toFixed(1));
    figures.append(figure(t('utilization'), gpu.utilization === null ? '—' : `${gpu.utilization} %`));
    figures.append(figure(t('memory'), `${gib(gpu.memory_used_mib)} / ${gib(gpu.memory_total_mib)} GiB`));
    figures.append(figure(t('temperature'), gpu.temperature_c === null ? '—' : `${gpu.temperature_c} °C`));
    figures.append(figure(t('power'), gpu.power_w === null ? '—' : `${Math.round(gpu.power_w)} W`));
    card.append(figures);
    card.append(chart(gpu.index));
    const legend = el('div', 'legend');
    for (const [cls, label] of [['util', t('utilization')], ['mem', t('memory')]]) {
      const item = el('span');
      item.append(el('span', `swatch ${cls}`), document.createTextNode(label));
      legend.append(item);
    }
    card.append(legend);
    return card;
  }

  /** @param {string} label @param {string} value */
  function figure(label, value) {
    const f = el('div', 'figure');
    f.append(el('span', 'label', label), el('span', 'value', value));
    return f;
  }

  /** Utilization and memory (both in %) of one GPU over the history window. @param {number} index */
  function chart(index) {
    const w = 300;
    const h = 100;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'chart');
    svg.setAttribute('viewBox', `0 0 ${w} ${h + 14}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    // The window grows with the history (at least 10 s) up to historyMs, so a new monitor fills its width.
    const end = state.samples.length ? state.samples[state.samples.length - 1].at : 0;
    const first = state.samples.length ? state.samples[0].at : 0;
    const span = Math.min(state.historyMs, Math.max(10000, end - first));
    const start = end - span;
    for (const pct of [0, 25, 50, 75, 100]) {
      const y = h - (pct / 100) * h;
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('class', 'grid');
      line.setAttribute('x1', '0');
      line.setAttribute('x2', String(w));
      line.setAttribute('y1', String(y));
      line.setAttribute('y2', String(y));
      svg.append(line);
    }
    const points = { util: /** @type {string[]} */ ([]), mem: /** @type {string[]} */ ([]) };
    for (const s of state.samples) {
      const g = s.kind === 'ok' && s.gpus ? s.gpus.find((/** @type {any} */ x) => x.index === index) : undefined;
      if (!g) continue;
      if (s.at < start) continue;
      const x = ((s.at - start) / span) * w;
      if (g.utilization !== null) points.util.push(`${x.toFixed(1)},${(h - (g.utilization / 100) * h).toFixed(1)}`);
      if (g.memory_used_mib !== null && g.memory_total_mib) points.mem.push(`${x.toFixed(1)},${(h - (g.memory_used_mib / g.memory_total_mib) * h).toFixed(1)}`);
    }
    for (const cls of /** @type {const} */ (['util', 'mem'])) {
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('class', cls);
      line.setAttribute('points', points[cls].join(' '));
      svg.append(line);
    }
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('class', 'axis');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(h + 12));
    label.textContent = t('lastMinutes', Math.max(1, Math.round(span / 60000)));
    svg.append(label);
    svg.setAttribute('aria-label', t('chartLabel', index));
    return svg;
  }

  /** @param {any} sample */
  function processTable(sample) {
    if (!sample.processes || sample.processes.length === 0) return el('p', 'empty', t('noProcesses'));
    const table = el('table');
    const head = el('tr');
    head.append(el('th', '', t('gpu')), el('th', 'num', t('pid')), el('th', '', t('process')), el('th', 'num', t('memory')));
    table.append(head);
    for (const p of sample.processes) {
      const row = el('tr');
      row.append(
        el('td', '', p.gpu_index === null ? p.gpu_uuid : String(p.gpu_index)),
        el('td', 'num', p.pid === null ? '—' : String(p.pid)),
        el('td', '', p.name),
        el('td', 'num', p.used_memory_mib === null ? '—' : `${p.used_memory_mib} MiB`),
      );
      table.append(row);
    }
    return table;
  }
})();
