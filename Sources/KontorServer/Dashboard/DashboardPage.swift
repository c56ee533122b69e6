/// The ops dashboard's single page (`GET /dashboard`): inline CSS and vanilla JavaScript, no build step and nothing
/// loaded from elsewhere. It logs in with `POST /v1/session` (the `kontor_session` cookie then authorizes its calls),
/// renders `GET /v1/dashboard/summary`, follows `GET /v1/dashboard/stream` with `EventSource`, searches orders, shows
/// one order and calls its actions, inspects dead letters (error, origin, headers, payload) and replays them after a
/// dry run.
enum DashboardPage {
    static let html = ##"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Kontor operations</title>
        <style>
        :root { --bg: #f4f5f7; --card: #fff; --ink: #1d2430; --muted: #667085; --accent: #2f6fdb; --warn: #b54708;
          --bad: #b42318; --ok: #067647; --line: #e4e7ec; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, sans-serif; background: var(--bg); color: var(--ink); }
        header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #1d2430; color: #fff; }
        header h1 { font-size: 17px; margin: 0; flex: 1; }
        header .who { color: #cfd4dc; }
        #live-state { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #475467; }
        #live-state.live { background: var(--ok); }
        main { padding: 16px 20px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); }
        section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
        section.wide { grid-column: 1 / -1; }
        h2 { font-size: 14px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top;
          overflow-wrap: break-word; }
        td.detail { overflow-wrap: anywhere; }
        th { color: var(--muted); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.pick { cursor: pointer; }
        tr.pick:hover { background: #eef4ff; }
        .big { font-size: 28px; font-weight: 700; }
        .status { display: inline-block; padding: 0 6px; border-radius: 4px; background: #eef1f6; font-size: 12px;
          white-space: nowrap; }
        .status.on-hold, .status.backordered { background: #fef0c7; color: var(--warn); }
        .status.rejected, .status.cancelled { background: #fee4e2; color: var(--bad); }
        .status.allocated, .status.shipped, .status.validated { background: #dcfae6; color: var(--ok); }
        button { font: inherit; padding: 4px 10px; border: 1px solid var(--accent); background: var(--accent); color: #fff;
          border-radius: 5px; cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        button:disabled { opacity: .4; cursor: default; }
        input, select { font: inherit; padding: 4px 6px; border: 1px solid #c9ced6; border-radius: 5px; }
        .muted { color: var(--muted); }
        .error { color: var(--bad); }
        .notice { color: var(--ok); }
        #login { max-width: 380px; margin: 60px auto; }
        #login form { display: grid; gap: 8px; }
        #order-panel .actions { display: flex; gap: 8px; margin: 8px 0; }
        svg text { font-size: 10px; fill: var(--muted); }
        svg rect.bar { fill: var(--accent); }
        pre#dlq-detail { background: #f8f9fb; border: 1px solid var(--line); border-radius: 5px; padding: 8px;
          max-height: 320px; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
        [hidden] { display: none !important; }
        </style>
        </head>
        <body>
        <header>
          <h1>Kontor operations</h1>
          <span class="who" id="who"></span>
          <span id="live-state">offline</span>
          <button class="secondary" id="logout" hidden>Log out</button>
        </header>

        <section class="card" id="login" hidden>
          <h2>Log in</h2>
          <form id="login-form">
            <label>With <select id="login-kind">
              <option value="token">API token</option>
              <option value="password">Dashboard password</option>
            </select></label>
            <input id="login-secret" type="password" autocomplete="current-password" placeholder="kontor_…" required>
            <button id="login-submit" type="submit">Log in</button>
            <div id="login-error" class="error"></div>
          </form>
        </section>

        <main id="app" hidden>
          <section class="card">
            <h2>Orders</h2>
            <div class="big" id="total-orders">–</div>
            <table id="status-counts"><thead><tr><th>Status</th><th class="num">Orders</th></tr></thead><tbody></tbody></table>
          </section>
          <section class="card">
            <h2>Channels</h2>
            <table id="channel-counts"><thead><tr><th>Channel</th><th class="num">Orders</th></tr></thead><tbody></tbody></table>
          </section>
          <section class="card wide">
            <h2>Connectors</h2>
            <table id="connectors"><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Detail</th>
              <th class="num">Activity</th></tr></thead><tbody></tbody></table>
          </section>
          <section class="card wide">
            <h2>Orders per hour (last 24 h, UTC)</h2>
            <div id="hourly-chart"></div>
          </section>
          <section class="card">
            <h2>Needs a person</h2>
            <div id="exceptions"></div>
          </section>
          <section class="card">
            <h2>Dead letters (open)</h2>
            <table id="dlq"><thead><tr><th>Stage</th><th class="num">Open</th><th></th></tr></thead><tbody></tbody></table>
            <div id="dlq-message"></div>
            <h2 style="margin-top:12px">Consumer lag</h2>
            <table id="lag"><tbody></tbody></table>
          </section>
          <section class="card wide" id="dlq-panel" hidden>
            <h2>Open dead letters: <span id="dlq-panel-stage"></span></h2>
            <table id="dlq-records"><thead><tr><th>Failed last</th><th>Error</th><th>Message</th>
              <th class="num">Attempts</th><th>Origin</th></tr></thead><tbody></tbody></table>
            <pre id="dlq-detail" hidden></pre>
          </section>
          <section class="card wide">
            <h2>Find orders</h2>
            <form id="search-form">
              <input id="search-q" placeholder="Order number or customer" size="30">
              <button id="search-submit" type="submit">Search</button>
            </form>
            <table id="order-list"><thead><tr><th>Order</th><th>Channel</th><th>Customer</th><th>Status</th>
              <th class="num">Total</th><th>Created</th></tr></thead><tbody></tbody></table>
          </section>
          <section class="card wide" id="order-panel" hidden>
            <h2>Order <span id="order-number"></span> <span class="status" id="order-status"></span></h2>
            <div class="muted" id="order-meta"></div>
            <div class="actions">
              <button id="action-hold" data-action="hold">Hold</button>
              <button id="action-release" data-action="release">Release</button>
              <button id="action-cancel" data-action="cancel" class="secondary">Cancel</button>
              <span id="action-message"></span>
            </div>
            <h2>Lines</h2>
            <table id="order-lines"><thead><tr><th>#</th><th>SKU</th><th>Description</th><th class="num">Qty</th>
              <th class="num">Unit price</th></tr></thead><tbody></tbody></table>
            <h2 style="margin-top:12px">Allocation</h2>
            <div id="order-allocation"></div>
            <h2 style="margin-top:12px">Timeline</h2>
            <table id="order-timeline"><thead><tr><th>At</th><th>Stage</th><th>Event</th><th>Status</th></tr></thead>
              <tbody></tbody></table>
          </section>
        </main>

        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        let stream = null;
        let currentOrder = null;
        let userName = "";

        function el(tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attributes || {})) {
            if (key === "class") node.className = value; else node.setAttribute(key, value);
          }
          for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
          return node;
        }
        function fill(tbody, rows) { tbody.replaceChildren(...rows); }
        function statusBadge(status) { return el("span", {class: "status " + status}, status); }
        function when(text) { return text ? new Date(text).toLocaleString() : ""; }

        async function api(method, path, body) {
          const options = {method, headers: {}, credentials: "same-origin"};
          if (userName && method !== "GET") options.headers["X-Kontor-Actor"] = userName;
          if (body !== undefined) {
            options.headers["Content-Type"] = "application/json";
            options.body = JSON.stringify(body);
          }
          const response = await fetch(path, options);
          if (response.status === 401) { showLogin("Your session ended; log in again."); throw new Error("unauthorized"); }
          const text = await response.text();
          const data = text ? JSON.parse(text) : {};
          if (!response.ok) throw new Error(data.detail || data.title || ("HTTP " + response.status));
          return data;
        }

        function showLogin(message) {
          if (stream) { stream.close(); stream = null; }
          $("app").hidden = true;
          $("logout").hidden = true;
          $("login").hidden = false;
          $("who").textContent = "";
          $("login-error").textContent = message || "";
          setLive(false);
        }

        function setLive(live) {
          $("live-state").textContent = live ? "live" : "offline";
          $("live-state").className = live ? "live" : "";
        }

        $("login-form").addEventListener("submit", async (event) => {
          event.preventDefault();
          const kind = $("login-kind").value;
          const response = await fetch("/v1/session", {
            method: "POST", credentials: "same-origin", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({[kind]: $("login-secret").value})
          });
          const data = await response.json().catch(() => ({}));
          if (!response.ok) { $("login-error").textContent = data.detail || "Login refused."; return; }
          $("login-secret").value = "";
          start(data.name);
        });

        $("logout").addEventListener("click", async () => {
          await fetch("/v1/session", {method: "DELETE", credentials: "same-origin"});
          showLogin("Logged out.");
        });

        async function start(name) {
          $("login").hidden = true;
          $("app").hidden = false;
          $("logout").hidden = false;
          userName = name || "";
          $("who").textContent = name ? "Logged in as " + name : "";
          render(await api("GET", "/v1/dashboard/summary"));
          await search();
          follow();
        }

        function follow() {
          if (stream) stream.close();
          stream = new EventSource("/v1/dashboard/stream");
          stream.addEventListener("open", () => setLive(true));
          stream.addEventListener("summary", (event) => { setLive(true); render(JSON.parse(event.data)); });
          stream.addEventListener("error", async () => {
            setLive(false);
            // A 401 closes the stream for good: find out whether the session is gone.
            if (stream && stream.readyState === EventSource.CLOSED) {
              try { await api("GET", "/v1/dashboard/summary"); setTimeout(follow, 3000); } catch (e) { /* login shown */ }
            }
          });
        }

        function render(summary) {
          const orders = summary.orders || {total: 0, byStatus: {}, byChannel: {}};
          $("total-orders").textContent = orders.total;
          const byCount = (object) => Object.entries(object).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
          fill($("status-counts").tBodies[0], byCount(orders.byStatus).map(([status, count]) =>
            el("tr", {"data-status": status}, el("td", {}, statusBadge(status)), el("td", {class: "num"}, count))));
          fill($("channel-counts").tBodies[0], byCount(orders.byChannel).map(([channel, count]) =>
            el("tr", {"data-channel": channel}, el("td", {}, channel), el("td", {class: "num"}, count))));
          fill($("connectors").tBodies[0], (summary.connectors || []).map((c) =>
            el("tr", {}, el("td", {}, c.name), el("td", {class: "muted"}, c.type),
              el("td", {}, el("span", {class: "status " + (c.state === "ready" ? "allocated" : "on-hold")}, c.state)),
              el("td", {class: "muted detail"}, c.detail),
              el("td", {class: "num", "data-activity": c.name}, c.orders === undefined ? "" :
                `${c.orders} orders · ${c.errors} errors` +
                (c.errorRate === null ? "" : ` (${Math.round(c.errorRate * 100)} %)`) +
                (c.lastMessageAt ? ` · last ${new Date(c.lastMessageAt).toLocaleString()}` : " · no message yet")))));
          if (!(summary.connectors || []).length) {
            fill($("connectors").tBodies[0], [el("tr", {}, el("td", {class: "muted"}, "No connectors configured."))]);
          }
          chart(summary.ordersPerHour || []);
          exceptions(summary.exceptions || {});
          deadLetters(summary.deadLetters);
          const lag = summary.consumerLag;
          fill($("lag").tBodies[0], lag ? Object.entries(lag).sort().map(([group, messages]) =>
            el("tr", {}, el("td", {}, group), el("td", {class: "num"}, messages))) :
            [el("tr", {}, el("td", {class: "muted"}, "Not measured in this process."))]);
        }

        function chart(hours) {
          const width = 720, height = 160, bottom = 20, top = 14;
          const max = Math.max(1, ...hours.map((h) => h.count));
          const slot = width / Math.max(1, hours.length);
          const ns = "http://www.w3.org/2000/svg";
          const svg = document.createElementNS(ns, "svg");
          svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
          svg.setAttribute("width", "100%");
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", "Orders per hour");
          const add = (tag, attributes, text) => {
            const node = document.createElementNS(ns, tag);
            for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
            if (text !== undefined) node.textContent = text;
            svg.append(node);
            return node;
          };
          hours.forEach((h, index) => {
            const barHeight = (height - bottom - top) * h.count / max;
            const x = index * slot + 2, y = height - bottom - barHeight;
            const bar = add("rect", {class: "bar", x, y, width: slot - 4, height: barHeight, "data-count": h.count});
            const title = document.createElementNS(ns, "title");
            title.textContent = `${h.hour}: ${h.count}`;
            bar.append(title);
            if (h.count > 0) add("text", {x: x + (slot - 4) / 2, y: y - 2, "text-anchor": "middle"}, h.count);
            if (index % 3 === 0 || index === hours.length - 1) {
              add("text", {x: x + (slot - 4) / 2, y: height - 6, "text-anchor": "middle"}, h.hour.substring(11, 16));
            }
          });
          add("line", {x1: 0, x2: width, y1: height - bottom, y2: height - bottom, stroke: "#c9ced6"});
          $("hourly-chart").replaceChildren(svg);
        }

        function exceptions(groups) {
          const blocks = [];
          for (const [status, group] of Object.entries(groups)) {
            const rows = group.newest.map((order) => orderRow(order, true));
            blocks.push(el("div", {"data-exception": status},
              el("p", {}, statusBadge(status), " ", el("b", {}, group.count), group.count === 1 ? " order" : " orders"),
              rows.length ? el("table", {}, el("tbody", {}, ...rows)) : ""));
          }
          $("exceptions").replaceChildren(...blocks);
        }

        function deadLetters(summary) {
          const tbody = $("dlq").tBodies[0];
          if (!summary) { fill(tbody, [el("tr", {}, el("td", {class: "muted"}, "No dead-letter index."))]); return; }
          const stages = Object.entries(summary.byStage).sort();
          if (!stages.length) { fill(tbody, [el("tr", {}, el("td", {class: "muted"}, "None open."))]); return; }
          fill(tbody, stages.map(([stage, count]) => {
            const look = el("button", {class: "secondary", "data-inspect": stage}, "Inspect");
            look.addEventListener("click", () => inspect(stage));
            const button = el("button", {class: "secondary", "data-stage": stage}, "Replay…");
            button.addEventListener("click", () => replay(stage));
            return el("tr", {"data-stage": stage}, el("td", {}, stage), el("td", {class: "num"}, count),
              el("td", {}, look, " ", button));
          }));
        }

        // The newest open dead letters of a stage; a row shows its headers and payload, byte for byte as kept.
        async function inspect(stage) {
          const tbody = $("dlq-records").tBodies[0];
          const detail = $("dlq-detail");
          $("dlq-panel").hidden = false;
          $("dlq-panel-stage").textContent = stage;
          detail.hidden = true;
          try {
            const page = await api("GET", `/v1/dlq?stage=${encodeURIComponent(stage)}&status=open&limit=50`);
            if (!page.deadLetters.length) {
              fill(tbody, [el("tr", {}, el("td", {class: "muted", colspan: "5"}, "None open."))]);
              return;
            }
            fill(tbody, page.deadLetters.map((record) => {
              const row = el("tr", {class: "pick", "data-dlq-id": record.id},
                el("td", {class: "muted"}, when(record.lastFailure)), el("td", {}, record.errorClass),
                el("td", {class: "detail"}, record.errorMessage), el("td", {class: "num"}, record.attempts),
                el("td", {class: "muted"}, `${record.originalTopic} [${record.originalPartition}] @${record.originalOffset}`));
              row.addEventListener("click", () => showDeadLetter(record.id));
              return row;
            }));
          } catch (e) { fill(tbody, [el("tr", {}, el("td", {class: "error"}, e.message))]); }
        }

        async function showDeadLetter(id) {
          const detail = $("dlq-detail");
          try {
            const record = await api("GET", `/v1/dlq/${encodeURIComponent(id)}`);
            const headers = record.headers.map((h) => `${h.key}: ${h.value ?? ""}${h.encoding === "base64" ? " (base64)" : ""}`);
            detail.textContent = [`id: ${record.id}`, `stage: ${record.stage}`,
              `error: ${record.errorClass}: ${record.errorMessage}`,
              `attempts: ${record.attempts} (first failure ${record.firstFailure}, last ${record.lastFailure})`,
              `origin: ${record.originalTopic} [${record.originalPartition}] @${record.originalOffset}`,
              `key: ${record.key ?? ""}`, "", "headers:", ...headers, "",
              `payload (${record.payloadEncoding}):`, record.payload].join("\n");
            detail.setAttribute("data-dlq-id", id);
          } catch (e) { detail.textContent = e.message; }
          detail.hidden = false;
        }

        async function replay(stage) {
          const message = $("dlq-message");
          try {
            const dry = await api("POST", "/v1/dlq/replay", {stage, status: "open", dryRun: true});
            const confirm = el("button", {id: "dlq-confirm"}, `Replay ${dry.selected} to the original topic`);
            const cancel = el("button", {class: "secondary"}, "Not now");
            cancel.addEventListener("click", () => message.replaceChildren());
            confirm.addEventListener("click", async () => {
              try {
                const done = await api("POST", "/v1/dlq/replay", {stage, status: "open", ids: dry.ids});
                message.replaceChildren(el("span", {class: "notice"}, `Replayed ${done.replayed} of ${done.selected}.`));
                if (!$("dlq-panel").hidden && $("dlq-panel-stage").textContent === stage) inspect(stage);
              } catch (e) { message.replaceChildren(el("span", {class: "error"}, e.message)); }
            });
            message.replaceChildren(el("p", {}, `${stage}: ${dry.selected} open dead letter(s) selected. `), confirm, " ", cancel);
          } catch (e) { message.replaceChildren(el("span", {class: "error"}, e.message)); }
        }

        function money(total) { return total ? `${total.amount} ${total.currency || ""}` : ""; }

        // A row of the order list; `compact` (the exceptions) leaves out channel, status and total.
        function orderRow(order, compact) {
          const cells = compact
            ? [el("td", {}, order.orderNumber), el("td", {}, order.customerName || ""),
               el("td", {class: "muted"}, when(order.updatedAt))]
            : [el("td", {}, order.orderNumber), el("td", {}, order.channel), el("td", {}, order.customerName || ""),
               el("td", {}, statusBadge(order.status)), el("td", {class: "num"}, money(order.total)),
               el("td", {class: "muted"}, when(order.createdAt))];
          const row = el("tr", {class: "pick", "data-order-id": order.orderId}, ...cells);
          row.addEventListener("click", () => openOrder(order.orderId));
          return row;
        }

        async function search() {
          const q = $("search-q").value.trim();
          const data = await api("GET", "/v1/orders?limit=25" + (q ? "&q=" + encodeURIComponent(q) : ""));
          const rows = data.orders.map(orderRow);
          fill($("order-list").tBodies[0], rows.length ? rows : [el("tr", {}, el("td", {class: "muted", colspan: 6}, "No orders found."))]);
        }
        $("search-form").addEventListener("submit", (event) => { event.preventDefault(); search().catch(() => {}); });

        async function openOrder(id) {
          const order = await api("GET", "/v1/orders/" + encodeURIComponent(id));
          currentOrder = order;
          $("order-panel").hidden = false;
          $("order-panel").setAttribute("data-order-id", order.orderId);
          $("order-number").textContent = order.orderNumber;
          $("order-status").textContent = order.status;
          $("order-status").className = "status " + order.status;
          $("order-meta").textContent = `${order.channel} · ${order.customerName || order.customerId || ""} · ` +
            `${money(order.total)} · created ${when(order.createdAt)} · ${order.orderId}`;
          for (const action of ["hold", "release", "cancel"]) $("action-" + action).disabled = !order.actions[action];
          fill($("order-lines").tBodies[0], (order.lines || []).map((line) =>
            el("tr", {}, el("td", {}, line.lineNumber), el("td", {}, line.sku), el("td", {}, line.description || ""),
              el("td", {class: "num"}, line.quantity), el("td", {class: "num"}, line.unitPrice || ""))));
          const allocation = order.allocation;
          if (!allocation) {
            $("order-allocation").replaceChildren(el("span", {class: "muted"}, "Not allocated yet."));
          } else {
            const parts = [el("p", {}, "Status: ", statusBadge(allocation.status || ""))];
            for (const shipment of allocation.shipments || []) {
              parts.push(el("p", {}, `From ${shipment.locationId} (${shipment.method || ""}): ` +
                (shipment.lines || []).map((l) => `${l.quantity} × ${l.sku}`).join(", ")));
            }
            for (const backorder of allocation.backorders || []) {
              parts.push(el("p", {class: "error"}, `Backordered: ${backorder.quantity} × ${backorder.sku}`));
            }
            $("order-allocation").replaceChildren(...parts);
          }
          fill($("order-timeline").tBodies[0], (order.timeline || []).map((entry) =>
            el("tr", {}, el("td", {class: "muted"}, when(entry.at)), el("td", {}, entry.stage), el("td", {}, entry.eventType),
              el("td", {}, statusBadge(entry.status)))));
          $("action-message").textContent = "";
        }

        for (const action of ["hold", "release", "cancel"]) {
          $("action-" + action).addEventListener("click", async () => {
            if (!currentOrder) return;
            const id = currentOrder.orderId;
            if (action === "cancel" && !window.confirm(`Cancel order ${currentOrder.orderNumber}?`)) return;
            try {
              const result = await api("POST", `/v1/orders/${encodeURIComponent(id)}/${action}`, {});
              await openOrder(id);
              $("action-message").replaceChildren(el("span", {class: "notice"}, `${action}: ${result.status}`));
              search().catch(() => {});
            } catch (e) { $("action-message").replaceChildren(el("span", {class: "error"}, e.message)); }
          });
        }

        // A session cookie may still be valid: try it before asking to log in.
        fetch("/v1/dashboard/summary", {credentials: "same-origin"}).then((response) => {
          if (response.ok) start(""); else showLogin("");
        }, () => showLogin("Kontor is not reachable."));
        </script>
        </body>
        </html>
        """##
}
