/* The graph view: draws one view's data (network/drawing/interactive.py, graph_spec) with vis-network.
 *
 * Used by the dashboard's component (ui/graphview.py) and by the exported HTML page, so both look and behave the
 * same. Every word from the data is set with textContent or given to vis-network as a plain string (shown with
 * innerText), never as HTML. Nothing is fetched.
 *
 *   networkGraph.mount(root, spec, hooks) -> {destroy()}
 *     hooks.select(id): a click on an entity; hooks.focus(id): a double-click on an entity; hooks.drawn(): the
 *     view has been drawn (once).
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var MARGIN = 18;        // px kept free around the fitted drawing, labels included
  var MAX_FIT_SCALE = 1.3; // small views are not blown up past this

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  // --- shapes, shared by the legend (SVG) and the PNG (canvas) ---------------------------------------------------
  var SHAPES = {
    dot: [["circle", 8, 8, 6]],
    diamond: [["poly", [8, 1, 15, 8, 8, 15, 1, 8]]],
    square: [["poly", [2, 2, 14, 2, 14, 14, 2, 14]]],
    triangle: [["poly", [8, 1.5, 15, 14, 1, 14]]],
    triangleDown: [["poly", [1, 2, 15, 2, 8, 14.5]]],
    star: [["poly", [8, 0.8, 10, 6, 15.5, 6, 11, 9.4, 12.8, 15, 8, 11.6, 3.2, 15, 5, 9.4, 0.5, 6, 6, 6]]]
  };

  function shapeSvg(shape, colour) {
    var box = svg("svg", {width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true", fill: colour});
    (SHAPES[shape] || SHAPES.dot).forEach(function (part) {
      if (part[0] === "circle") {
        box.appendChild(svg("circle", {cx: part[1], cy: part[2], r: part[3]}));
      } else {
        box.appendChild(svg("polygon", {points: part[1].join(" ")}));
      }
    });
    return box;
  }

  function lineSvg(colour, directed) {
    var box = svg("svg", {width: 24, height: 14, viewBox: "0 0 24 14", "aria-hidden": "true"});
    box.appendChild(svg("line", {x1: 1, y1: 7, x2: 20, y2: 7, stroke: colour, "stroke-width": 2}));
    if (directed) { box.appendChild(svg("polygon", {points: "22,7 15,3 15,11", fill: colour})); }
    return box;
  }

  function shapePath(ctx, shape, x, y, size) {
    // The legend's 16x16 shapes, drawn at (x, y) with side ``size``.
    var k = size / 16;
    ctx.beginPath();
    (SHAPES[shape] || SHAPES.dot).forEach(function (part) {
      if (part[0] === "circle") {
        ctx.arc(x + part[1] * k, y + part[2] * k, part[3] * k, 0, 2 * Math.PI);
      } else {
        var p = part[1];
        ctx.moveTo(x + p[0] * k, y + p[1] * k);
        for (var i = 2; i < p.length; i += 2) { ctx.lineTo(x + p[i] * k, y + p[i + 1] * k); }
        ctx.closePath();
      }
    });
  }

  // --- legend -----------------------------------------------------------------------------------------------------
  function legendItems(legend) {
    // [{kind: "shape"|"swatch"|"line", label, colour, shape, directed}] in the order shown; null = a break.
    var items = [];
    legend.kinds.forEach(function (k) { items.push({kind: "shape", label: k.label, colour: k.colour, shape: k.shape}); });
    if (legend.colours && legend.colours.length) {
      items.push(null);
      legend.colours.forEach(function (c) { items.push({kind: "swatch", label: c.label, colour: c.colour}); });
    }
    if (legend.relations.length) { items.push(null); }
    legend.relations.forEach(function (r) {
      items.push({kind: "line", label: r.label, colour: r.colour, directed: r.directed});
    });
    return items;
  }

  function buildLegend(legend) {
    var box = el("details", "ng-legend");
    box.open = true;
    box.appendChild(el("summary", "", legend.title));
    function list(rows, make) {
      var ul = el("ul");
      rows.forEach(function (row) {
        var li = el("li");
        li.appendChild(make(row));
        li.appendChild(el("span", "", row.label));
        ul.appendChild(li);
      });
      return ul;
    }
    var kinds = list(legend.kinds, function (k) { return shapeSvg(k.shape, k.colour); });
    kinds.className = "kinds";
    box.appendChild(kinds);
    if (legend.colours && legend.colours.length) {
      if (legend.colour_title) { box.appendChild(el("p", "colour-title", legend.colour_title)); }
      var colours = list(legend.colours, function (c) { return shapeSvg("square", c.colour); });
      colours.className = "colours";
      box.appendChild(colours);
    }
    var relations = list(legend.relations, function (r) { return lineSvg(r.colour, r.directed); });
    relations.className = "relations";
    box.appendChild(relations);
    return box;
  }

  // --- fitting ----------------------------------------------------------------------------------------------------
  function fit(network, frame) {
    // Everything drawn, labels included, inside the frame with a margin (vis-network's fit ignores labels).
    var ids = Object.keys(network.getPositions());
    if (!ids.length) { return; }
    var box = {left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity};
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) { return; }
      box.left = Math.min(box.left, b.left);
      box.right = Math.max(box.right, b.right);
      box.top = Math.min(box.top, b.top);
      box.bottom = Math.max(box.bottom, b.bottom);
    });
    if (!isFinite(box.left)) { return; }
    var width = Math.max(frame.clientWidth - 2 * MARGIN, 40);
    var height = Math.max(frame.clientHeight - 2 * MARGIN, 40);
    var scale = Math.min(width / Math.max(box.right - box.left, 1), height / Math.max(box.bottom - box.top, 1),
      MAX_FIT_SCALE);
    network.moveTo({position: {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2}, scale: scale,
      animation: false});
  }

  // --- the PNG ----------------------------------------------------------------------------------------------------
  function drawingAt(network, container, ratio) {
    // Redraw once at ``ratio`` device pixels per CSS pixel and copy the canvas, then restore.
    var own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
    try {
      Object.defineProperty(window, "devicePixelRatio", {value: ratio, configurable: true, writable: true});
      network.redraw();
      var source = container.querySelector("canvas");
      var copy = document.createElement("canvas");
      copy.width = source.width;
      copy.height = source.height;
      copy.getContext("2d").drawImage(source, 0, 0);
      return copy;
    } finally {
      if (own) { Object.defineProperty(window, "devicePixelRatio", own); } else { delete window.devicePixelRatio; }
      network.redraw();
    }
  }

  function legendRows(ctx, items, width, r) {
    // Lay the legend out in rows that fit ``width``: [[{item, x}], ...].
    var rows = [[]], x = 0, gap = 14 * r, mark = 26 * r;
    items.forEach(function (item) {
      if (item === null) { if (rows[rows.length - 1].length) { rows.push([]); x = 0; } return; }
      var w = mark + ctx.measureText(item.label).width;
      if (x > 0 && x + w > width) { rows.push([]); x = 0; }
      rows[rows.length - 1].push({item: item, x: x});
      x += w + gap;
    });
    return rows.filter(function (row) { return row.length; });
  }

  function picture(network, container, spec) {
    var r = Math.max(2, window.devicePixelRatio || 1);
    var drawing = drawingAt(network, container, r);
    var pad = 14 * r, line = 20 * r, font = spec.options.nodes.font.face;
    var out = document.createElement("canvas");
    var ctx = out.getContext("2d");
    var width = drawing.width;
    ctx.font = (13 * r) + "px " + font;
    var rows = legendRows(ctx, legendItems(spec.legend), width - 2 * pad, r);
    var title = spec.text.title || "", caption = spec.text.caption || "";
    var top = pad + (title ? 26 * r : 0);
    out.width = width;
    out.height = top + drawing.height + pad + rows.length * line + (caption ? line + 4 * r : 0) + pad;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.textBaseline = "middle";
    if (title) {
      ctx.fillStyle = "#1F2933";
      ctx.font = "600 " + (18 * r) + "px " + font;
      ctx.fillText(title, pad, pad + 9 * r, width - 2 * pad);
    }
    ctx.drawImage(drawing, 0, top);
    ctx.font = (13 * r) + "px " + font;
    var y = top + drawing.height + pad + line / 2;
    rows.forEach(function (row) {
      row.forEach(function (cell) {
        var item = cell.item, x = pad + cell.x;
        ctx.fillStyle = item.colour;
        ctx.strokeStyle = item.colour;
        if (item.kind === "line") {
          ctx.lineWidth = 2 * r;
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.lineTo(x + 17 * r, y);
          ctx.stroke();
          if (item.directed) {
            ctx.beginPath();
            ctx.moveTo(x + 21 * r, y);
            ctx.lineTo(x + 14 * r, y - 4 * r);
            ctx.lineTo(x + 14 * r, y + 4 * r);
            ctx.closePath();
            ctx.fill();
          }
        } else {
          shapePath(ctx, item.kind === "swatch" ? "square" : item.shape, x, y - 8 * r, 16 * r);
          ctx.fill();
        }
        ctx.fillStyle = "#1F2933";
        ctx.fillText(item.label, x + 26 * r, y);
      });
      y += line;
    });
    if (caption) {
      ctx.fillStyle = "#52606D";
      ctx.font = (12 * r) + "px " + font;
      ctx.fillText(caption, pad, y + 2 * r, width - 2 * pad);
    }
    return out;
  }

  function download(network, container, spec) {
    var link = document.createElement("a");
    link.href = picture(network, container, spec).toDataURL("image/png");
    link.download = spec.download_name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // --- search (the exported page) ----------------------------------------------------------------------------------
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function search(network, all, closedGroupOf, query) {
    // Select every entity whose label or tooltip contains the query (accents ignored) and move to the first; an
    // entity in a closed group selects its group.
    var wanted = fold(query).trim();
    if (!wanted) { network.unselectAll(); return; }
    var ids = [];
    all.forEach(function (n) {
      if (fold(n.label + " " + n.title).indexOf(wanted) < 0) { return; }
      var id = closedGroupOf(n.id) || n.id;
      if (ids.indexOf(id) < 0) { ids.push(id); }
    });
    network.selectNodes(ids);
    if (ids.length) { network.focus(ids[0], {scale: Math.max(network.getScale(), 1), animation: false}); }
  }

  // --- groups of leaves ---------------------------------------------------------------------------------------------
  // A group stands for its members until it is opened: its members and their relations are not given to
  // vis-network before that (a hub's 1,000 grouped leaves made as nodes and then clustered cost the browser a second
  // or more before the first drawing, docs/performance.md, issue 12); opening it puts them in at their own places.
  function groupNode(g) {
    return {id: g.id, label: g.label, title: g.title, x: g.x, y: g.y, shape: "box", borderWidth: 1,
      shapeProperties: {borderDashes: [4, 3]},
      color: {background: "#F3F6F9", border: "#7B8794", highlight: {background: "#E4E7EB", border: "#1F2933"},
        hover: {background: "#E4E7EB", border: "#1F2933"}},
      font: {size: 13, color: "#1F2933"}, margin: 6, physics: false};
  }

  function groupEdge(g, memberEdges) {
    var first = memberEdges[0] || {};
    return {id: "group-edge:" + g.id, from: g.of, to: g.id, dashes: [4, 3], color: first.color, width: first.width,
      arrows: {to: {enabled: false}}};
  }

  function splitGroups(spec) {
    // {nodes, edges}: what is drawn at first (the groups in place of their members), and per group its members
    // and their relations, held back until the group is opened.
    var groupOf = {}, held = {}, isGroup = {};
    spec.groups.forEach(function (g) {
      held[g.id] = {nodes: [], edges: []};
      isGroup[g.id] = true;
      g.members.forEach(function (id) { groupOf[id] = g.id; });
    });
    var nodes = [], edges = [];
    spec.nodes.forEach(function (n) {
      if (groupOf[n.id]) { held[groupOf[n.id]].nodes.push(n); } else { nodes.push(n); }
    });
    spec.edges.forEach(function (e) {
      var g = groupOf[e.from] || groupOf[e.to];
      if (g) { held[g].edges.push(e); } else { edges.push(e); }
    });
    spec.groups.forEach(function (g) {
      nodes.push(groupNode(g));
      edges.push(groupEdge(g, held[g.id].edges));
    });
    return {nodes: nodes, edges: edges, groupOf: groupOf, held: held, isGroup: isGroup};
  }

  function windowHeight(frame, most) {
    // As tall as the window allows below the frame's top (leaving room for the legend), between 320 px and
    // ``most``: the whole drawing is on the first screen on a laptop (1280x720) and larger on larger screens.
    var top = frame.getBoundingClientRect().top, node = frame;
    while (node) {  // the page's own scrolling, through the component's shadow root
      top += node.scrollTop || 0;
      node = node.parentElement || (node.parentNode && node.parentNode.host) || null;
    }
    return Math.round(Math.max(320, Math.min(most, window.innerHeight - top - 76)));
  }

  // --- mount --------------------------------------------------------------------------------------------------------
  function mount(root, spec, hooks) {
    hooks = hooks || {};
    while (root.firstChild) { root.removeChild(root.firstChild); }
    root.dataset.ready = "false";
    window.__networkReady = false;
    var bar = el("div", "ng-bar");
    var frame = el("div", "ng-frame");
    frame.style.height = spec.height + "px";
    var container = el("div", "ng-canvas");
    var loading = el("div", "ng-loading");
    loading.setAttribute("role", "status");
    loading.setAttribute("aria-live", "polite");
    loading.appendChild(el("span", "", spec.text.loading));
    frame.appendChild(container);
    frame.appendChild(loading);
    var box = null;
    if (spec.search_box) {
      box = el("input", "ng-search");
      box.type = "search";
      box.placeholder = spec.text.search;
      box.title = spec.text.search_help;
      box.setAttribute("aria-label", spec.text.search);
      bar.appendChild(box);
    }
    var button = el("button", "ng-download", spec.text.download);
    button.type = "button";
    button.title = spec.text.download_help;
    bar.appendChild(button);
    if (spec.text.title) { frame.setAttribute("aria-label", spec.text.title); }
    frame.setAttribute("role", "img");
    // The drawing first, then the legend and the buttons under it: nothing is ever drawn over the nodes.
    var footer = el("div", "ng-footer");
    footer.appendChild(buildLegend(spec.legend));
    footer.appendChild(bar);
    root.appendChild(frame);
    root.appendChild(footer);
    if (hooks.fitToWindow) { frame.style.height = windowHeight(frame, spec.height) + "px"; }

    var split = splitGroups(spec);
    var nodes = new vis.DataSet(split.nodes);
    var edges = new vis.DataSet(split.edges);
    function closedGroupOf(id) {
      var g = split.groupOf[id];
      return g && split.held[g] ? g : null;
    }
    function openGroup(id) {
      var members = split.held[id];
      delete split.held[id];
      edges.remove("group-edge:" + id);
      nodes.remove(id);
      nodes.add(members.nodes);
      edges.add(members.edges);
    }
    var network = null;
    var destroyed = false;

    function draw() {
      if (destroyed) { return; }
      if (window.performance && performance.mark) { performance.mark("ng-draw"); }
      network = new vis.Network(container, {nodes: nodes, edges: edges}, spec.options);
      window.__network = network;
      // Fitted before the first paint, so the graph is drawn once: vis-network's own fit measures every node and
      // its label (no drawing; the first draw comes on the next animation frame), then ours moves the view so the
      // labels keep a margin. (Drawing first and fitting after it cost a second draw.)
      // vis-network's own update after a change of data (what a cluster made before): without it the fit below
      // measured some labels before their final size and cut them at the frame's edge.
      network.body.emitter.emit("_dataChanged");
      network.fit({animation: false});
      fit(network, frame);
      network.once("afterDrawing", function () {
        loading.style.display = "none";
        root.dataset.ready = "true";
        window.__networkNodeCount = spec.nodes.length;  // the view's entities, those in closed groups too
        window.__networkEdgeCount = spec.edges.length;
        window.__networkReadyAt = performance.now();
        window.__networkReady = true;
        if (hooks.drawn) { hooks.drawn(); }
      });
      network.on("click", function (params) {
        if (!params.nodes.length) { return; }
        var id = params.nodes[0];
        if (split.held[id]) {
          openGroup(id);
        } else if (hooks.select) {
          hooks.select(String(id));
        }
      });
      network.on("doubleClick", function (params) {
        if (params.nodes.length && !(params.nodes[0] in split.isGroup) && hooks.focus) {
          hooks.focus(String(params.nodes[0]));
        }
      });
      button.addEventListener("click", function () { download(network, container, spec); });
      if (box) { box.addEventListener("input", function () { search(network, spec.nodes, closedGroupOf, box.value); }); }
    }
    // Printing lays the page out at A4 width (ui/print.css): the canvas keeps its screen size unless it is measured
    // and fitted again, so it is, when the print layout starts and again when it ends.
    function refit() {
      if (destroyed || !network) { return; }
      network.setSize("100%", "100%");
      network.redraw();
      fit(network, frame);
      network.redraw();
    }
    var printing = window.matchMedia ? window.matchMedia("print") : null;
    window.addEventListener("beforeprint", refit);
    window.addEventListener("afterprint", refit);
    if (printing && printing.addEventListener) { printing.addEventListener("change", refit); }
    // Let the loading message paint before the (synchronous) network construction starts.
    var timer = window.setTimeout(draw, 0);
    return {
      network: function () { return network; },
      refit: refit,
      destroy: function () {
        destroyed = true;
        window.clearTimeout(timer);
        window.removeEventListener("beforeprint", refit);
        window.removeEventListener("afterprint", refit);
        if (printing && printing.removeEventListener) { printing.removeEventListener("change", refit); }
        if (network) { network.destroy(); }
        if (window.__network === network) { window.__network = null; }
      }
    };
  }

  window.networkGraph = {mount: mount, fit: fit, picture: picture};
})();
