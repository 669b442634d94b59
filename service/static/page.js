// The preview page: ask /v1/preview as the user types, show the runs, the
// DST marks, the warnings and a week timeline, and keep the URL shareable.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const app = $("app");
  const maxCount = Number(app.dataset.maxCount);
  const inputs = ["expr", "tz", "from", "count", "dialect", "duration", "policy"]
    .map((id) => $(id))
    .filter(Boolean);
  const WEEK_MS = 7 * 86400 * 1000;
  const MARKS = {
    gap_shifted: "skipped hour: moved",
    fold_first: "repeated hour: first pass",
    fold_second: "repeated hour: second pass",
    anomaly: "controller anomaly",
  };
  let generation = 0;
  let timer = null;

  // The form's state as query parameters, leaving out what is empty.
  function formParams() {
    const params = new URLSearchParams();
    for (const input of inputs) {
      const value = input.value.trim();
      if (value !== "") params.set(input.name, value);
    }
    return params;
  }

  // The preview as a POST body: a long expression would not fit in a
  // request line, and the preview endpoint refuses keys it does not know
  // (the page's duration and policy are the simulation's).
  function previewPayload(params, extra) {
    const payload = schedulePayload(params, params.get("from") || undefined);
    if (params.get("count")) payload.count = Number(params.get("count"));
    return { ...payload, ...extra };
  }

  // Every answer as { ok, body }: a network failure or an answer that is
  // not JSON (a proxy's error page) becomes an error the page can show.
  async function fetchJson(url, payload) {
    const options = { headers: { Accept: "application/json" } };
    if (payload !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      return { ok: false, body: { message: "The service could not be reached: " + err.message } };
    }
    try {
      return { ok: response.ok, body: await response.json() };
    } catch (err) {
      const status = (response.status + " " + response.statusText).trim();
      return { ok: false, body: { message: "The service answered " + status + ", not JSON." } };
    }
  }

  // The schedule's parameters as the JSON endpoints name them.
  function schedulePayload(params, from) {
    const payload = { expression: params.get("expr") };
    if (from) payload.from = from;
    if (params.get("tz")) payload.timeZone = params.get("tz");
    if (params.get("dialect")) payload.dialect = params.get("dialect");
    return payload;
  }

  // Keep the address bar (and the share link) equal to the form.
  function updateUrl(params) {
    const url = location.pathname + "?" + params.toString();
    history.replaceState(null, "", url);
    $("share").href = url;
  }

  async function refresh() {
    const mine = ++generation;
    const params = formParams();
    updateUrl(params);
    if (!params.get("expr")) {
      clearResults();
      return;
    }
    // Sent as typed: over the cap, the service's refusal names the cap.
    const count = Number(params.get("count") || 20);
    const table = await fetchJson("/v1/preview", previewPayload(params, { count }));
    if (mine !== generation) return;
    if (!table.ok) {
      showError(table.body, params.get("expr"));
      return;
    }
    showRuns(table.body);

    // The timeline covers the week after the preview's start; the words
    // and the simulation start there too, so all parts agree.
    const from = table.body.from;
    const start = new Date(from);
    const until = new Date(start.getTime() + WEEK_MS).toISOString();
    const [week, words] = await Promise.all([
      fetchJson("/v1/preview", previewPayload(params, { from, until, count: maxCount })),
      fetchJson("/v1/describe", schedulePayload(params, from)),
    ]);
    if (mine !== generation) return;
    if (week.ok) drawTimeline(week.body, start);
    $("description").textContent = words.ok ? words.body.text : "";
    await simulate(params, from, mine);
  }

  async function simulate(params, from, mine) {
    const section = $("simulation");
    const duration = params.get("duration");
    if (!duration || params.get("dialect") && params.get("dialect") !== "kubernetes") {
      section.hidden = true;
      return;
    }
    const payload = { ...schedulePayload(params, from), duration, horizon: "7d" };
    delete payload.dialect;
    if (params.get("policy")) payload.policy = params.get("policy");
    const answer = await fetchJson("/v1/simulate", payload);
    if (mine !== generation) return;
    section.hidden = false;
    $("duration-label").textContent = duration;
    const problem = $("simulation-error");
    problem.hidden = answer.ok;
    // The page always simulates one week, so a horizon problem is the
    // page's choice, not the user's: say so.
    const horizon = (answer.body.errors || []).some((e) => e.parameter === "horizon");
    problem.textContent = answer.ok ? "" :
      (horizon ? "The page simulates one week (horizon 7d): " : "") + answer.body.message;
    const rows = Object.entries(answer.ok ? answer.body.policies : {}).map(
      ([policy, figures]) => {
        const tr = document.createElement("tr");
        const cells = [policy, figures.started, figures.on_time, figures.late,
          figures.skipped, figures.killed, figures.max_concurrent];
        for (const value of cells) {
          const td = document.createElement("td");
          td.textContent = String(value);
          tr.append(td);
        }
        return tr;
      }
    );
    $("policies").tBodies[0].replaceChildren(...rows);
  }

  function showError(body, expr) {
    const box = $("error");
    box.hidden = false;
    box.replaceChildren();
    const title = document.createElement("p");
    title.className = "error-message";
    title.textContent = body.message || "The service could not answer.";
    box.append(title);
    for (const err of body.errors || []) {
      if (err.parameter === "expression" && err.column) {
        // Point at the offending text under the expression.
        const pre = document.createElement("pre");
        // Keep the tabs before the column, so the caret lines up.
        const lead = expr.slice(0, err.column - 1).replace(/[^\t]/g, " ");
        const caret = lead + "^".repeat(Math.max(1, (err.text || "").length));
        pre.textContent = expr + "\n" + caret;
        box.append(pre);
        if (err.hint) {
          // On its own line, so a long hint wraps instead of running out
          // of the box, and the caret stays under the text.
          const hint = document.createElement("p");
          hint.className = "hint";
          hint.textContent = err.hint;
          box.append(hint);
        }
      }
    }
    clearAnswers();
  }

  // No expression: nothing on screen may belong to an earlier one.
  function clearResults() {
    $("error").hidden = true;
    clearAnswers();
    $("description").textContent = "Type a cron schedule above, e.g. 30 2 * * *.";
  }

  function clearAnswers() {
    $("zone-label").textContent = "";
    $("runs").tBodies[0].replaceChildren();
    $("warnings").replaceChildren();
    $("description").textContent = "";
    $("simulation").hidden = true;
    $("timeline").replaceChildren();
    $("end").textContent = "";
  }

  function showRuns(body) {
    $("error").hidden = true;
    $("zone-label").textContent = "(" + body.timeZone + ", local time)";
    const warnings = $("warnings");
    // The DST notes name what the runs cannot show: a run the engine drops.
    const notes = [...body.warnings, ...(body.dst || []).map((text) => "DST: " + text)];
    warnings.replaceChildren(
      ...notes.map((text) => {
        const li = document.createElement("li");
        li.textContent = text;
        return li;
      })
    );
    const rows = body.runs.map((run) => {
      const tr = document.createElement("tr");
      const mark = MARKS[run.note] || "";
      if (mark) tr.className = "dst";
      const note = mark
        ? mark + (run.intended ? " (meant " + run.intended + ")" : "") +
          (run.reason ? ": " + run.reason : "")
        : "";
      for (const text of [pretty(run.local), pretty(run.utc), run.offset, note]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      if (mark) tr.lastChild.className = "dst-mark";
      return tr;
    });
    $("runs").tBodies[0].replaceChildren(...rows);
    $("end").textContent = body.end_reason ? "No more runs: " + body.end_reason : "";
  }

  // "2026-03-08T03:00:00-04:00" -> "Sun 2026-03-08 03:00"; seconds are
  // shown only when a run has them (@every 30s, an LMT offset).
  function pretty(iso) {
    const date = iso.slice(0, 10);
    const day = new Date(date + "T00:00:00Z").toLocaleDateString("en", {
      weekday: "short",
      timeZone: "UTC",
    });
    const zone = iso.endsWith("Z") ? " UTC" : "";
    const seconds = iso.slice(16, 19);
    const time = iso.slice(11, 16) + (seconds && seconds !== ":00" ? seconds : "");
    return day + " " + date + " " + time + zone;
  }

  // Seven rows (local dates) by 24 hours; one tick per run.
  function drawTimeline(body, start) {
    const NS = "http://www.w3.org/2000/svg";
    const width = 760, left = 100, rowHeight = 22, top = 18;
    const plot = width - left - 20;
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${top + 7 * rowHeight + 16}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Runs during the week after " + body.from);
    const add = (name, attrs, text) => {
      const el = document.createElementNS(NS, name);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      if (text !== undefined) el.textContent = text;
      svg.append(el);
      return el;
    };
    for (let h = 0; h <= 24; h += 6) {
      const x = left + (plot * h) / 24;
      add("line", { x1: x, x2: x, y1: top - 4, y2: top + 7 * rowHeight, class: "grid" });
      add("text", { x, y: 11, class: "hour" }, String(h).padStart(2, "0") + ":00");
    }
    // The rows are the seven local dates from the start's, all of which
    // lie inside the week the runs were asked for.
    const firstDay = localDate(start, body.timeZone);
    const rows = new Map();
    for (let i = 0; i < 7; i++) {
      const date = new Date(Date.parse(firstDay + "T00:00:00Z") + i * 86400000)
        .toISOString().slice(0, 10);
      rows.set(date, i);
      const y = top + i * rowHeight;
      add("rect", { x: left, y: y + 3, width: plot, height: rowHeight - 6, class: "row" });
      add("text", { x: 4, y: y + 15, class: "day" }, pretty(date + "T00:00").slice(0, 14));
    }
    for (const run of body.runs) {
      const row = rows.get(run.local.slice(0, 10));
      if (row === undefined) continue;
      const minutes = Number(run.local.slice(11, 13)) * 60 + Number(run.local.slice(14, 16));
      const x = left + (plot * minutes) / 1440;
      const y = top + row * rowHeight;
      const tick = add("line", {
        x1: x, x2: x, y1: y + 4, y2: y + rowHeight - 4,
        class: run.note === "normal" ? "tick" : "tick dst",
      });
      const title = document.createElementNS(NS, "title");
      title.textContent = pretty(run.local) + " / " + pretty(run.utc) + (MARKS[run.note] ? " — " + MARKS[run.note] : "");
      tick.append(title);
    }
    if (body.runs.length >= maxCount) {
      add("text", { x: left, y: top + 7 * rowHeight + 12, class: "note" },
        "first " + maxCount + " runs shown");
    }
    $("timeline").replaceChildren(svg);
  }

  // The local date (YYYY-MM-DD) of an instant in an IANA zone.
  function localDate(instant, zone) {
    try {
      const parts = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      }).formatToParts(instant);
      const part = (type) => parts.find((p) => p.type === type).value;
      return part("year").padStart(4, "0") + "-" + part("month") + "-" + part("day");
    } catch (err) {
      return instant.toISOString().slice(0, 10);  // a zone the browser lacks
    }
  }

  for (const input of inputs) {
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
  }
  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  $("copy").addEventListener("click", () => {
    navigator.clipboard?.writeText($("share").href);
  });
  refresh();
})();
