// A V8 CPU profile (.cpuprofile, as the inspector's Profiler.stop gives it) drawn as a flame graph in SVG,
// and its self time summed by part (our code, each npm package, Node's internals, GC). No dependency:
// the profile's call tree already has what a folded-stack flame graph needs.

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Where a frame's code lives: an npm package, our code (libs/…, services/…), Node's internals, or V8's pseudo-frames. */
export function partOf(callFrame) {
  const url = callFrame.url ?? '';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/((?:libs|services)\/[^/]+)\//.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:')) return 'node internals';
  if (!url) return callFrame.functionName.startsWith('(') ? callFrame.functionName : 'native';
  return url.split('/').slice(-2).join('/');
}

function tree(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, { ...node, self: 0, total: 0, kids: [] }]));
  for (const id of profile.samples ?? []) byId.get(id).self += 1;
  for (const node of byId.values()) node.kids = (node.children ?? []).map((id) => byId.get(id));
  const root = byId.get(profile.nodes[0].id);
  const sum = (node) => (node.total = node.self + node.kids.reduce((s, k) => s + sum(k), 0));
  // The idle thread's samples are not work.
  root.kids = root.kids.filter((k) => k.callFrame.functionName !== '(idle)');
  sum(root);
  return root;
}

/** Self time by part, as shares of the busy samples, largest first (function names of our code and of V8's pseudo-frames kept). */
export function selfTimeBy(profile) {
  const root = tree(profile);
  const shares = new Map();
  const walk = (node) => {
    if (node !== root && node.self > 0) {
      const part = partOf(node.callFrame);
      const key = part.startsWith('libs/') || part.startsWith('services/') ? `${part}: ${node.callFrame.functionName || '(anonymous)'}` : part;
      shares.set(key, (shares.get(key) ?? 0) + node.self);
    }
    node.kids.forEach(walk);
  };
  walk(root);
  return [...shares].map(([part, n]) => [part, n / root.total]).sort((a, b) => b[1] - a[1]);
}

/** The flame graph: the root at the bottom, each frame as wide as its share of the busy samples; hover for names. */
export function flameGraphSvg(profile, { title = 'CPU profile', width = 1600, rowHeight = 16 } = {}) {
  const root = tree(profile);
  const rects = [];
  let depthMax = 0;
  const hue = (part) => {
    if (part.startsWith('libs/') || part.startsWith('services/')) return 'hsl(140,55%,55%)';
    if (part === 'node internals' || part === 'native') return 'hsl(210,20%,70%)';
    if (part.startsWith('(')) return 'hsl(0,0%,75%)';
    let h = 0;
    for (const c of part) h = (h * 31 + c.charCodeAt(0)) % 360;
    return `hsl(${20 + (h % 40)},${70 + (h % 20)}%,${55 + (h % 15)}%)`;
  };
  const place = (node, x, depth) => {
    const w = (node.total / root.total) * width;
    if (w < 0.5) return;
    depthMax = Math.max(depthMax, depth);
    if (node !== root) {
      const part = partOf(node.callFrame);
      const name = `${node.callFrame.functionName || '(anonymous)'} · ${part}`;
      rects.push({ x, depth, w, name, part, share: node.total / root.total });
    }
    let cx = x;
    for (const kid of [...node.kids].sort((a, b) => a.callFrame.functionName.localeCompare(b.callFrame.functionName))) {
      place(kid, cx, depth + 1);
      cx += (kid.total / root.total) * width;
    }
  };
  place(root, 0, 0);
  const height = (depthMax + 1) * rowHeight + 40;
  const y = (depth) => height - depth * rowHeight - 10;
  const body = rects
    .map((r) => {
      const label = r.w > 40 ? `<text x="${(r.x + 3).toFixed(1)}" y="${(y(r.depth) + rowHeight - 4).toFixed(1)}">${escape(r.name.slice(0, Math.floor(r.w / 6.5)))}</text>` : '';
      return `<g><title>${escape(r.name)} (${(r.share * 100).toFixed(2)} %)</title><rect x="${r.x.toFixed(1)}" y="${y(r.depth).toFixed(1)}" width="${Math.max(0.5, r.w - 0.5).toFixed(1)}" height="${rowHeight - 1}" fill="${r.part.startsWith('(') ? 'hsl(0,0%,75%)' : hue(r.part)}"/>${label}</g>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="4" y="16" font-size="13">${escape(title)}: ${root.total} samples; green = this project's code, orange = npm packages, blue-grey = Node; hover for names</text>
${body}
</svg>
`;
}
