// gazette's site search, in the reader's browser: reads the index files
// beside this script (written by `gazette build`, see src/search/build.rs)
// and never asks anything of another host.
//
// The query is split exactly as src/search/tokens.rs splits page text:
// Chinese runs into overlapping character pairs, letters and digits into
// lower-case words of at most 11 characters, full-width forms folded. Keep
// the two in step; tests/search.rs runs real queries against real indexes.
//
// API (ES module):
//   meta()                 → {docs, shards, chunk, filters, counts}
//   search(query, filters) → document numbers, best first
//   doc(n)                 → {url, title, meta}
//   excerpt(doc, query)    → HTML: the page's text around the first match,
//                            escaped, matches in <mark>

const base = new URL(".", import.meta.url);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const WORD_CHARS = 11;
const cache = new Map();

function json(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(new URL(path, base)).then(function (r) {
      if (!r.ok) { throw new Error(path + ": HTTP " + r.status); }
      return r.json();
    }));
  }
  return cache.get(path);
}

export function meta() { return json("meta.json"); }

// Full-width letters and digits as ASCII, upper case as lower case; one
// UTF-16 unit in, one out, so positions in the folded text are positions
// in the original.
function fold(unit) {
  var c = unit.charCodeAt(0);
  if (c >= 0xFF01 && c <= 0xFF5E) { c -= 0xFEE0; }
  if (c >= 65 && c <= 90) { c += 32; }
  return String.fromCharCode(c);
}

function foldText(text) {
  var out = "";
  for (var i = 0; i < text.length; i++) { out += fold(text[i]); }
  return out;
}

function classOf(ch) {
  var c = ch.codePointAt(0);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) { return "w"; }
  if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF)) { return "c"; }
  return null;
}

// The runs of a query: [{kind: "w"|"c", chars: [...]}].
function runs(query) {
  var out = [];
  var current = null;
  for (var ch of foldText(query)) {
    var kind = classOf(ch);
    if (!kind) { current = null; continue; }
    if (!current || current.kind !== kind) { current = { kind: kind, chars: [] }; out.push(current); }
    current.chars.push(ch);
  }
  return out;
}

// The terms of page text exactly as the build makes them (tokens.rs):
// pairs of each Chinese run, its first and last character, the words. Only
// tests/search.rs calls it, to keep this file and tokens.rs in step.
export function terms(text) {
  var out = [];
  var word = "";
  var first = null;
  var previous = null;
  function endWord() {
    if (word) { out.push(word); }
    word = "";
  }
  function endRun() {
    if (first !== null) {
      out.push(first);
      if (first !== previous) { out.push(previous); }
    }
    first = null;
    previous = null;
  }
  for (var ch of foldText(text)) {
    var kind = classOf(ch);
    if (kind === "w") {
      endRun();
      if (word.length < WORD_CHARS) { word += ch; }
    } else if (kind === "c") {
      endWord();
      if (previous === null) { first = ch; } else { out.push(previous + ch); }
      previous = ch;
    } else {
      endWord();
      endRun();
    }
  }
  endWord();
  endRun();
  return out;
}

// What must match: a pair exactly; a word or a lone character as the start
// of a term (a lone character is indexed alone only at the ends of a run).
function parts(query) {
  var out = [];
  runs(query).forEach(function (run) {
    if (run.kind === "w") {
      out.push({ text: run.chars.slice(0, WORD_CHARS).join(""), prefix: true });
    } else if (run.chars.length === 1) {
      out.push({ text: run.chars[0], prefix: true });
    } else {
      for (var i = 0; i + 1 < run.chars.length; i++) {
        out.push({ text: run.chars[i] + run.chars[i + 1], prefix: false });
      }
    }
  });
  return out;
}

function decode(text) {
  var out = [];
  var n = 0, scale = 1, previous = 0;
  for (var i = 0; i < text.length; i++) {
    var digit = ALPHABET.indexOf(text[i]);
    n += (digit & 31) * scale;
    scale *= 32;
    if (digit < 32) {
      previous += Math.floor(n / 2);
      out.push([previous, n % 2 === 1]);
      n = 0; scale = 1;
    }
  }
  return out;
}

// Document → title hit, for one part.
function lookup(part, m) {
  var shard = part.text.codePointAt(0) % m.shards;
  return json("terms/" + shard + ".json").then(function (terms) {
    var found = new Map();
    var add = function (list) {
      decode(list).forEach(function (p) { found.set(p[0], found.get(p[0]) || p[1]); });
    };
    if (!part.prefix) {
      if (terms[part.text]) { add(terms[part.text]); }
    } else {
      for (var term in terms) {
        if (term.startsWith(part.text)) { add(terms[term]); }
      }
    }
    return found;
  });
}

// Documents that hold every part of `query` and match every filter
// (`{name: value}`), those with more parts in their title first, then
// newest first (documents are numbered by date).
export function search(query, filters) {
  return meta().then(function (m) {
    var wanted = parts(query || "");
    return Promise.all(wanted.map(function (p) { return lookup(p, m); })).then(function (maps) {
      var score = null;
      maps.sort(function (a, b) { return a.size - b.size; });
      maps.forEach(function (map, i) {
        if (i === 0) {
          score = new Map();
          map.forEach(function (title, id) { score.set(id, title ? 1 : 0); });
          return;
        }
        score.forEach(function (s, id) {
          if (!map.has(id)) { score.delete(id); } else if (map.get(id)) { score.set(id, s + 1); }
        });
      });
      Object.keys(filters || {}).forEach(function (name) {
        var list = (m.filters[name] || {})[filters[name]];
        var ids = new Set(list ? decode(list).map(function (p) { return p[0]; }) : []);
        if (score === null) {
          score = new Map();
          ids.forEach(function (id) { score.set(id, 0); });
        } else {
          score.forEach(function (s, id) { if (!ids.has(id)) { score.delete(id); } });
        }
      });
      if (score === null) { return []; }
      return Array.from(score.entries())
        .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
        .map(function (e) { return e[0]; });
    });
  });
}

export function doc(n) {
  return meta().then(function (m) {
    return json("docs/" + Math.floor(n / m.chunk) + ".json").then(function (docs) {
      return docs[n % m.chunk];
    });
  });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

// What to mark: each run of the query whole, and the pairs of a Chinese
// run, longest first, so 营商环境 is one mark where the page has it whole.
function needles(query) {
  var out = [];
  runs(query).forEach(function (run) {
    out.push(run.chars.join(""));
    if (run.kind === "c") {
      for (var i = 0; i + 1 < run.chars.length; i++) { out.push(run.chars[i] + run.chars[i + 1]); }
    }
  });
  out.sort(function (a, b) { return b.length - a.length; });
  return out.filter(function (n, i) { return n && out.indexOf(n) === i; });
}

// The text of a page as the index saw it: the marked element, without the
// parts marked to ignore; `withTitle` false leaves out the <h1> too (a
// result shows its title already).
function pageText(html, withTitle) {
  var dom = new DOMParser().parseFromString(html, "text/html");
  var body = dom.querySelector("[data-search-body]") || dom.body;
  var drop = "[data-search-ignore], script, style, template, noscript" + (withTitle ? "" : ", h1");
  body.querySelectorAll(drop).forEach(function (e) { e.remove(); });
  return body.textContent.replace(/\s+/g, " ").trim();
}

function matches(text, query) {
  var list = needles(query || "");
  return list.length > 0 && foldText(text).search(new RegExp(list.map(escapeRegExp).join("|"))) >= 0;
}

export function highlight(text, query, length) {
  length = length || 90;
  var list = needles(query || "");
  var folded = foldText(text);
  var pattern = list.length ? new RegExp(list.map(escapeRegExp).join("|"), "g") : null;
  var first = pattern ? folded.search(pattern) : -1;
  var start = Math.max(0, first - Math.floor(length / 3));
  var end = Math.min(text.length, start + length);
  var html = start > 0 ? "…" : "";
  var at = start;
  if (pattern) {
    var window = folded.slice(start, end);
    var match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(window)) !== null) {
      var from = start + match.index;
      var to = from + match[0].length;
      html += escapeHtml(text.slice(at, from)) + "<mark>" + escapeHtml(text.slice(from, to)) + "</mark>";
      at = to;
    }
  }
  html += escapeHtml(text.slice(at, end));
  return html + (end < text.length ? "…" : "");
}

export function excerpt(document, query, length) {
  return fetch(document.url).then(function (r) {
    if (!r.ok) { throw new Error(document.url + ": HTTP " + r.status); }
    return r.text();
  }).then(function (html) {
    var text = pageText(html, false);
    return highlight(matches(text, query) ? text : pageText(html, true), query, length);
  });
}
