  // The page around the drawing, the same for both renderers (page.html: vis-network, page_webgl.html:
  // sigma.js): language, legend and type filters, release years, search, the side panel, the status line.
  // It reads the graph through `store` (node i: store.ids[i], store.typeAt(i), store.node(i), …) and moves
  // the drawing through `view` (refresh, focus, fit, clear, relabel), which the renderer fills in.
  // Everything keyed by data (ids, names, types) is a Map or a Set, never a plain object, so that names
  // such as "constructor", "__proto__" or "toString" are ordinary keys.
  function pageUI(store, meta, view) {
    var I = meta.i18n;
    var hash = new Map(location.hash.replace(/^#/, "").split("&").filter(Boolean).map(function (kv) {
      var i = kv.indexOf("="); return i < 0 ? [kv, ""] : [decodeURIComponent(kv.slice(0, i)), decodeURIComponent(kv.slice(i + 1))];
    }));
    var lang = hash.get("lang") === "zh" || hash.get("lang") === "en" ? hash.get("lang") : meta.lang;
    if (hash.get("theme") === "dark" || hash.get("theme") === "light") { document.body.className = hash.get("theme"); }
    var hiddenTypes = new Set(), focusSet = null, yearRange = null, current = -1;
    var sources = new Map(Object.entries(meta.sources));
    var mapOf = function (o) { return new Map(Object.entries(o || {})); };
    var typeNames = mapOf(I.types), keyNames = mapOf(I.keys), concepts = mapOf(I.concepts), groups = mapOf(meta.groups);
    var currencies = mapOf(I.currencies), units = mapOf(I.units);
    function T(k) { return (I.ui[lang] && I.ui[lang][k]) || I.ui.en[k] || k; }
    function nameAt(i) { return store.label(i, lang); }
    function otherAt(i) { var o = store.label(i, lang === "zh" ? "en" : "zh"); return o && o !== nameAt(i) ? o : ""; }
    // ≈ 28 characters on the canvas, a wide (CJK) character counting as two; the full text on hover and in the panel
    function wide(c) { return /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(c) ? 2 : 1; }
    function short(s) {
      s = String(s);
      if (s.length <= 14) { return s; }
      var chars = Array.from(s), total = 0, used = 0, i = 0;
      chars.forEach(function (c) { total += wide(c); });
      if (total <= 28) { return s; }
      while (i < chars.length && used + wide(chars[i]) <= 27) { used += wide(chars[i]); i++; }
      return chars.slice(0, i).join("").replace(/\s+$/, "") + "…";
    }
    function cap(s) { s = String(s); return lang === "en" ? s.charAt(0).toUpperCase() + s.slice(1) : s; }
    function typeName(t) { var x = typeNames.get(t); return x ? x[lang] : t; }
    function keyName(k) { var x = keyNames.get(k); return x ? x[lang] : String(k).replace(/_/g, " "); }
    function edgeName(e) { return lang === "zh" && e.zh ? e.zh : (e.en || e.label); }
    function tipAt(i) { return nameAt(i) + (otherAt(i) ? " / " + otherAt(i) : "") + " (" + typeName(store.typeAt(i)) + ")"; }

    // numbers for people: 175 billion / 1750 亿, the exact value on hover
    function trim(x) { return String(+x.toFixed(2)); }
    var SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    function human(v) {
      var a = Math.abs(v);
      if (a >= 1e15) {  // compute in FLOP and the like: 1.92 × 10²¹
        var e = Math.floor(Math.log10(a)), m = v / Math.pow(10, e);
        return trim(m) + " × 10" + String(e).split("").map(function (d) { return SUP[+d]; }).join("");
      }
      if (lang === "zh") {
        if (a >= 1e12) { return trim(v / 1e12) + " " + T("wanyi"); }
        if (a >= 1e8) { return trim(v / 1e8) + " " + T("yi"); }
        if (a >= 1e4) { return trim(v / 1e4) + " " + T("wan"); }
        return v.toLocaleString("zh-CN");
      }
      if (a >= 1e12) { return trim(v / 1e12) + " " + T("trillion"); }
      if (a >= 1e9) { return trim(v / 1e9) + " " + T("billion"); }
      if (a >= 1e6) { return trim(v / 1e6) + " " + T("million"); }
      return v.toLocaleString("en-US");
    }
    function word(table, k) { var x = table.get(k); return x ? x[lang] : String(k); }
    function joinUnit(t, u) { return lang === "zh" && !/^[A-Za-z]/.test(u) ? t + u : t + " " + u; }
    function valueOf(v) {  // [text for people, exact value or ""]
      if (Object.prototype.hasOwnProperty.call(v, "bool")) { return [T(v.bool ? "yes" : "no"), ""]; }
      if (Object.prototype.hasOwnProperty.call(v, "num")) {
        var t = human(v.num), exact = String(v.num);
        if (v.unit) { t = joinUnit(t, word(units, v.unit)); exact += " " + v.unit; }
        if (v.currency) { t = joinUnit(t, word(currencies, v.currency)); exact += " " + v.currency; }
        if (v.precision === "LowerBound") { t = word(concepts, v.precision) + " " + t; }
        else if (v.precision && v.precision !== "Exact") {
          t += lang === "zh" ? "（" + word(concepts, v.precision) + "）" : " (" + word(concepts, v.precision) + ")";
        }
        return [t, exact];
      }
      return [lang === "zh" && v.zh ? v.zh : v.en, ""];
    }

    // filters: hidden types, a neighbourhood, a range of release years
    function filtering() { return hiddenTypes.size > 0 || focusSet !== null || yearRange !== null; }
    function visible(i) {
      if (hiddenTypes.size && hiddenTypes.has(store.typeAt(i))) { return false; }
      if (focusSet && !focusSet.has(i)) { return false; }
      var y = store.yearAt(i);
      if (yearRange && y !== null && y !== undefined && (y < yearRange[0] || y > yearRange[1])) { return false; }
      return true;
    }
    var status = document.getElementById("status");
    function refresh(drawn) {  // drawn: the drawing is up to date already (the first frame)
      if (!drawn) { view.refresh(); }
      var shown = store.N, shownEdges = store.E;
      if (filtering()) {
        var vis = new Uint8Array(store.N);
        shown = 0;
        for (var j = 0; j < store.N; j++) { if (visible(j)) { vis[j] = 1; shown++; } }
        shownEdges = store.countEdges(vis);
      }
      status.textContent = T("status").replace("{a}", shown).replace("{b}", store.N).replace("{c}", shownEdges).replace("{d}", store.E);
    }

    // legend with type filters
    var types = document.getElementById("types"), legendbox = document.getElementById("legendbox"), legendText = [];
    meta.legend.forEach(function (t) {
      var row = el("label");
      var box = document.createElement("input");
      box.type = "checkbox"; box.checked = true; box.dataset.type = t.name;
      box.addEventListener("change", function () {
        if (box.checked) { hiddenTypes.delete(t.name); } else { hiddenTypes.add(t.name); }
        refresh();
      });
      var sw = el("span", null, "swatch " + t.shape);
      sw.style.background = t.color;
      var text = el("span");
      legendText.push([text, t]);
      row.appendChild(box); row.appendChild(sw); row.appendChild(text);
      types.appendChild(row);
    });
    legendbox.querySelector(".head").addEventListener("click", function () { legendbox.classList.toggle("collapsed"); });
    function syncControls() {
      Array.prototype.forEach.call(types.querySelectorAll("input"), function (b) { b.checked = !hiddenTypes.has(b.dataset.type); });
      var lo = document.getElementById("year-from"), hi = document.getElementById("year-to");
      if (lo && yearRange === null) { lo.value = meta.years[0]; hi.value = meta.years[1]; shownYears.textContent = meta.years[0] + "–" + meta.years[1]; }
    }

    // release-year range
    var yearsLabel = el("span"), shownYears = el("span");
    if (meta.years) {
      var span = document.getElementById("years");
      var lo = document.createElement("input"), hi = document.createElement("input");
      [lo, hi].forEach(function (r) { r.type = "range"; r.min = meta.years[0]; r.max = meta.years[1]; r.step = 1; });
      lo.value = meta.years[0]; hi.value = meta.years[1]; lo.id = "year-from"; hi.id = "year-to";
      var onYears = function () {
        var a = Math.min(+lo.value, +hi.value), b = Math.max(+lo.value, +hi.value);
        yearRange = (a === meta.years[0] && b === meta.years[1]) ? null : [a, b];
        shownYears.textContent = a + "–" + b;
        refresh();
      };
      lo.addEventListener("input", onYears); hi.addEventListener("input", onYears);
      span.appendChild(yearsLabel); span.appendChild(document.createTextNode(" "));
      span.appendChild(lo); span.appendChild(hi);
      span.appendChild(shownYears); shownYears.textContent = meta.years[0] + "–" + meta.years[1];
    }

    // side panel: identity, then facts by kind with numbered source markers, then one list of sources
    var details = document.getElementById("details"), side = document.getElementById("side");
    function show(i) {
      var n = store.node(i);
      current = i;
      legendbox.classList.add("collapsed");
      details.textContent = "";
      var numbers = new Map(), order = [];
      function markers(ids, into) {
        ids.forEach(function (s) {
          if (!numbers.has(s)) { numbers.set(s, order.length + 1); order.push(s); }
          var src = sources.get(s), m = el("span", "[" + numbers.get(s) + "]", "mk");
          m.title = src ? src[0] : s;
          into.appendChild(m);
        });
      }
      var prof = n.profile || { ids: [], description: {}, facts: [] };
      details.appendChild(el("h2", nameAt(i)));
      if (otherAt(i)) { details.appendChild(el("div", otherAt(i), "alt")); }
      var type = el("div", cap(typeName(n.type)) + " · " + n.id, "type");
      markers(n.sources, type);
      details.appendChild(type);
      if (n.aliases && n.aliases.length) { details.appendChild(el("div", T("also") + ": " + n.aliases.join(", "), "type")); }
      if (prof.ids.length) {
        var ids = el("div", null, "ids");
        prof.ids.forEach(function (x) {
          var s = el("span", null, "id");
          s.appendChild(el("span", keyName(x.key) + " ", "k"));
          s.appendChild(link(x.text, x.url));
          ids.appendChild(s);
        });
        details.appendChild(ids);
      }
      var desc = prof.description && (prof.description[lang] || prof.description.en);
      if (desc) { details.appendChild(el("p", desc, "desc")); }
      var rows = new Map([["lineage", []], ["people", []], ["papers", []], ["values", []], ["other", []]]);
      prof.facts.forEach(function (f) {
        var li = el("li"), v = valueOf(f.value);
        li.appendChild(el("span", cap(keyName(f.key)) + ": ", "k"));
        var val = el("span", v[0], v[1] ? "num" : null);
        if (v[1]) { val.title = v[1]; }
        li.appendChild(val);
        if (f.disputed) { li.appendChild(el("span", " ⚠ " + T("disputed"), "disputed")); }
        li._src = f.sources;
        (rows.get(f.group) || rows.get("other")).push(li);
      });
      store.edgesAt(i).forEach(function (e) {
        var out = e.from === i, o = out ? e.to : e.from;
        var li = el("li", out ? edgeName(e) + " → " : "← " + edgeName(e) + " ");
        var a = el("a", nameAt(o), "rel");
        a.title = nameAt(o);
        a.addEventListener("click", function () { select(store.ids[o]); });
        li.appendChild(a);
        li._src = e.sources;
        var fam = store.node(o).family;
        var g = groups.get(e.key) || (fam === "Person" ? "people" : fam === "Source" ? "papers" : "other");
        rows.get(g).push(li);
      });
      rows.forEach(function (lis, g) {
        if (!lis.length) { return; }
        details.appendChild(el("h3", T(g)));
        var ul = el("ul");
        lis.forEach(function (li) { markers(li._src || [], li); ul.appendChild(li); });
        details.appendChild(ul);
      });
      if (order.length) {
        details.appendChild(el("h3", T("sources")));
        var ol = el("ol", null, "sources");
        order.forEach(function (s) {
          var src = sources.get(s), li = el("li");
          li.appendChild(src ? link(src[0], src[1]) : el("span", s));
          ol.appendChild(li);
        });
        details.appendChild(ol);
      }
      side.scrollTop = 0;
    }
    function clear() { current = -1; details.textContent = ""; legendbox.classList.remove("collapsed"); }
    // select an entity by id: shown (filters that hide it are lifted), drawn as selected, centred, its panel open
    function select(id) {
      var i = store.index(id);
      if (i === undefined) { return false; }
      if (!visible(i)) { hiddenTypes.delete(store.typeAt(i)); focusSet = null; yearRange = null; syncControls(); refresh(); }
      view.focus(i);
      show(i);
      return true;
    }
    // its neighbourhood only (double-click), and everything again
    function neighbourhood(i) {
      var set = new Set([i]);
      view.neighbours(i).forEach(function (m) { set.add(m); });
      focusSet = set;
      refresh();
      view.fit(Array.from(set).filter(visible));
      show(i);
    }
    function everything() { if (focusSet !== null) { focusSet = null; refresh(); } }
    document.getElementById("reset").addEventListener("click", function () {
      focusSet = null; yearRange = null; hiddenTypes.clear(); syncControls();
      refresh(); view.fit(null);
    });

    // search by any label or alias; the index (and the suggestions) are built on first use
    var names = document.getElementById("names"), byName = null, keys = [];
    function index() {
      if (byName !== null) { return; }
      byName = new Map();
      for (var j = 0; j < store.N; j++) {
        store.names(j).forEach(function (s) {
          var key = s.toLowerCase();
          if (!byName.has(key)) {
            byName.set(key, store.ids[j]); keys.push(key);
            if (names.childNodes.length < 20000) { var o = document.createElement("option"); o.value = s; names.appendChild(o); }
          }
        });
      }
    }
    function find(text) {
      var q = String(text).trim().toLowerCase();
      if (!q) { return null; }
      index();
      if (byName.has(q)) { return byName.get(q); }
      for (var j = 0; j < keys.length; j++) { if (keys[j].indexOf(q) === 0) { return byName.get(keys[j]); } }
      for (j = 0; j < keys.length; j++) { if (keys[j].indexOf(q) >= 0) { return byName.get(keys[j]); } }
      return null;
    }
    var findBox = document.getElementById("find");
    function onFind() { var id = find(findBox.value); if (id !== null) { select(id); } }
    findBox.addEventListener("focus", index);
    findBox.addEventListener("change", onFind);
    findBox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { onFind(); } });

    // language: every string of the page, the drawing's labels and an open panel
    var langBox = document.getElementById("lang"), titleBox = document.getElementById("title");
    function setLanguage(l, first) {
      if (l !== "en" && l !== "zh") { return; }
      lang = l; langBox.value = l;
      document.documentElement.lang = l;
      var title = (meta.titles && meta.titles[l]) || titleBox.textContent;
      document.title = title; titleBox.textContent = title;
      Array.prototype.forEach.call(document.querySelectorAll("[data-ui]"), function (e) { e.textContent = T(e.dataset.ui); });
      findBox.placeholder = T("find_hint");
      yearsLabel.textContent = T("released");
      legendText.forEach(function (x) { x[0].textContent = cap(typeName(x[1].name)) + " (" + x[1].count + ")"; });
      if (!first) { view.relabel(); }
      refresh(first);
      if (current >= 0) { var top = side.scrollTop; show(current); side.scrollTop = top; }
    }
    langBox.addEventListener("change", function () { setLanguage(langBox.value); });

    return {
      T: T, lang: function () { return lang; }, nameAt: nameAt, tipAt: tipAt, short: short, edgeName: edgeName,
      visible: visible, filtering: filtering, hiddenTypes: hiddenTypes, refresh: refresh, show: show, clear: clear,
      select: select, neighbourhood: neighbourhood, everything: everything, find: find, setLanguage: setLanguage,
      // after the renderer is up: the first language, and the entity of #focus=ID
      start: function () {
        setLanguage(lang, true);
        if (hash.has("focus") && store.index(hash.get("focus")) !== undefined) { select(hash.get("focus")); }
      }
    };
  }

  // Node labels with no two overlapping: `items` in rank order ({id, x, y: the node's centre in CSS pixels,
  // r: its radius, px: font size, text, bold}); each label goes under its node where it fits, off-screen
  // and overlapping ones are skipped. Returns the boxes drawn (what window.aikg.drawnLabels() gives).
  var labelWidths = new Map();
  function drawLabels(ctx, W, H, items, font, dark) {
    var grid = new Map(), CELL = 80, boxes = [];
    function cells(b, f) {
      for (var gx = Math.floor(b.x / CELL); gx <= Math.floor((b.x + b.w) / CELL); gx++) {
        for (var gy = Math.floor(b.y / CELL); gy <= Math.floor((b.y + b.h) / CELL); gy++) { if (f(gx + "," + gy)) { return true; } }
      }
      return false;
    }
    function hits(b) {
      return cells(b, function (c) {
        return (grid.get(c) || []).some(function (o) { return b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h; });
      });
    }
    function width(text) {
      var w = labelWidths.get(text);
      if (w === undefined) { ctx.font = "100px " + font; w = ctx.measureText(text).width / 100; labelWidths.set(text, w); }
      return w;
    }
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round"; ctx.lineWidth = 3;
    var halo = dark ? "#17191c" : "#ffffff", ink = dark ? "#f0f0f0" : "#1d1d1d";
    items.forEach(function (it) {
      var w = width(it.text) * it.px;
      var box = { x: it.x - w / 2 - 2, y: it.y + it.r + 2, w: w + 4, h: Math.ceil(it.px * 1.3) };
      if (box.x > W || box.x + box.w < 0 || box.y > H || box.y + box.h < 0 || hits(box)) { return; }
      cells(box, function (c) { if (!grid.has(c)) { grid.set(c, []); } grid.get(c).push(box); return false; });
      ctx.font = (it.bold ? "bold " : "") + it.px + "px " + font;
      ctx.strokeStyle = halo; ctx.fillStyle = ink;
      ctx.strokeText(it.text, it.x, box.y + 1); ctx.fillText(it.text, it.x, box.y + 1);
      boxes.push({ id: it.id, text: it.text, px: it.px, x: box.x, y: box.y, w: box.w, h: box.h });
    });
    return boxes;
  }
