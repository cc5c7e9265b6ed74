/* Site search: queries the offline index in /search-index/ (written by
 * every build; its engine.js splits Chinese into character pairs the way
 * the build did) from the search page. No request leaves the site. The form keeps working as a GET form, so a
 * search is a link: /search/?q=…&section=…&year=… */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) { return; }
  var PAGE = 10;
  var form = root.querySelector("form");
  var input = root.querySelector("#search-q");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var more = root.querySelector("[data-search-more]");
  var fieldset = root.querySelector("[data-search-filters]");
  var selects = root.querySelectorAll("select[data-filter]");
  var params = new URLSearchParams(window.location.search);
  var results = [];
  var shown = 0;
  var run = 0;

  input.value = params.get("q") || "";
  var query = "";
  var ready = import(root.getAttribute("data-bundle") + "engine.js");

  function filters() {
    var chosen = {};
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].value) { chosen[selects[i].getAttribute("data-filter")] = selects[i].value; }
    }
    return chosen;
  }

  function fillFilters(engine) {
    return engine.meta().then(function (index) {
      var all = index.counts;
      for (var i = 0; i < selects.length; i++) {
        var select = selects[i];
        var name = select.getAttribute("data-filter");
        var values = Object.keys(all[name] || {}).sort();
        if (name === "year") { values.reverse(); }
        for (var j = 0; j < values.length; j++) {
          var option = document.createElement("option");
          option.value = values[j];
          option.textContent = values[j] + (name === "year" ? "年" : "") + "（" + all[name][values[j]] + "）";
          select.appendChild(option);
        }
        select.value = params.get(name) || "";
        select.addEventListener("change", search);
      }
      fieldset.hidden = false;
    });
  }

  function zhDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : "";
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "search-meta";
    if (data.meta && data.meta.section) {
      var section = document.createElement("span");
      section.textContent = "栏目：" + data.meta.section;
      meta.appendChild(section);
    }
    if (data.meta && data.meta.date) {
      if (meta.firstChild) { meta.appendChild(document.createTextNode(" ")); }
      var time = document.createElement("time");
      time.dateTime = data.meta.date;
      time.textContent = "日期：" + zhDate(data.meta.date);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    // The engine escapes the page text and adds only <mark> around matches.
    excerpt.innerHTML = data.excerpt;
    li.appendChild(excerpt);
    return li;
  }

  function showMore() {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    return ready.then(function (engine) {
      return Promise.all(next.map(function (n) {
        return engine.doc(n).then(function (d) {
          var data = { url: d.url, meta: Object.assign({ title: d.title }, d.meta), excerpt: "" };
          return engine.excerpt(d, query).then(function (html) {
            data.excerpt = html;
            return data;
          }, function () { return data; });
        });
      }));
    }).then(function (pages) {
      for (var i = 0; i < pages.length; i++) { list.appendChild(item(pages[i])); }
      more.hidden = shown >= results.length;
    });
  }

  function search(event) {
    if (event) { event.preventDefault(); }
    query = input.value.trim();
    var chosen = filters();
    var mine = ++run;
    var url = new URL(window.location.href);
    url.search = "";
    if (query) { url.searchParams.set("q", query); }
    Object.keys(chosen).forEach(function (k) { url.searchParams.set(k, chosen[k]); });
    window.history.replaceState(null, "", url);
    list.textContent = "";
    more.hidden = true;
    if (!query && Object.keys(chosen).length === 0) {
      status.textContent = "输入关键词后按“搜索”。";
      return Promise.resolve();
    }
    status.textContent = "正在搜索……";
    return ready.then(function (engine) {
      return engine.search(query, chosen);
    }).then(function (found) {
      if (mine !== run) { return; }
      results = found;
      shown = 0;
      status.textContent = results.length
        ? "找到 " + results.length + " 条结果" + (query ? "：“" + query + "”" : "")
        : "没有找到与“" + query + "”相关的信息，请换个关键词或减少筛选条件。";
      root.setAttribute("data-search-done", String(results.length));
      return showMore();
    }).catch(function () {
      status.textContent = "搜索索引未能加载。请确认网站是通过网页服务器访问的。";
      root.setAttribute("data-search-done", "error");
    });
  }

  form.addEventListener("submit", search);
  more.addEventListener("click", function () { showMore(); });
  ready.then(fillFilters).then(function () {
    if (input.value || Object.keys(filters()).length) { return search(); }
  }).catch(function () {
    status.textContent = "搜索索引未能加载。请确认网站是通过网页服务器访问的。";
    root.setAttribute("data-search-done", "error");
  });
})();
