// The workbench page: talks to drafter's server, keeps the form in the browser until it is saved.
"use strict";

(() => {
  const TOKEN = document.querySelector('meta[name="drafter-token"]').content;
  const $ = (id) => document.getElementById(id);
  const el = Form.el;
  const DEBOUNCE_MS = 300;
  let state = null;      // {outline, base, values, meta, name, hash, dirty}
  let tab = null;        // the pack document whose preview is shown (a pack has one tab each)
  let last = null;       // the last preview, to switch tabs without asking the server again
  let slot = "new";
  let timer = null;
  let seq = 0;

  class ApiError extends Error {
    constructor(body, status) {
      super(body.error || "请求失败");
      this.hint = body.hint || "";
      this.status = status;
    }
  }

  async function call(path, body, headers) {
    const res = await fetch(path, {
      method: "POST",
      headers: Object.assign({ "X-Drafter-Token": TOKEN }, headers ||
        { "Content-Type": "application/json" }),
      body: body instanceof ArrayBuffer ? body : JSON.stringify(body || {}),
    });
    const type = res.headers.get("Content-Type") || "";
    if (type.startsWith("application/json")) {
      const data = await res.json();
      if (!res.ok) throw new ApiError(data, res.status);
      return data;
    }
    if (!res.ok) throw new ApiError({ error: "请求失败（" + res.status + "）" }, res.status);
    const blob = await res.blob();
    blob.corrections = res.headers.get("X-Drafter-Corrections");
    blob.fileName = decodeURIComponent((res.headers.get("Content-Disposition") || "").split("''")[1] || "");
    return blob;
  }

  function status(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  // The preview's own line: the status bar above is kept for what the buttons did.
  function previewState(text, isError) {
    $("preview-state").textContent = text;
    $("preview-state").className = isError ? "error" : "";
  }

  function fail(e) {
    status(e.message + (e.hint ? "（提示：" + e.hint.replace(/。$/, "") + "）" : ""), true);
  }

  function docRequest(extra) {
    return Object.assign({ outline: state.outline.id, base: state.base, values: state.values,
      meta: state.meta, name: state.name }, extra || {});
  }

  // -- keeping the form in the browser until it is saved ---------------------------------------
  function storeKey() { return "drafter-workbench:" + slot; }
  function persist() {
    try { localStorage.setItem(storeKey(), JSON.stringify(state)); } catch (e) { status("浏览器无法暂存内容：" + e.message, true); }
  }
  function stored() {
    try { return JSON.parse(localStorage.getItem(storeKey()) || "null"); } catch (e) { return null; }
  }
  // Every change is stored as it is typed; closing the page loses nothing, so it asks nothing.
  window.addEventListener("pagehide", () => { if (state) persist(); });

  function changed() {
    state.dirty = true;
    persist();
    clearTimeout(timer);
    timer = setTimeout(preview, DEBOUNCE_MS);
  }

  function load(doc, extra) {
    state = Object.assign({ outline: doc.outline, base: doc.base, values: doc.values, meta: doc.meta,
      name: doc.name, hash: doc.hash || null, dirty: false }, extra || {});
    draw();
  }

  function draw() {
    $("outline-select").value = state.outline.id;
    $("btn-docx").textContent = isPack() ? "下载材料包（Word）" : "下载 Word";
    $("btn-pdf").textContent = isPack() ? "下载材料包（PDF）" : "下载 PDF";
    $("doc-name").textContent = (state.hash ? "正在编辑：" : "问卷：") + state.name +
      (state.hash ? "（保存即写回该文件）" : "（保存时下载 .yaml 文件）");
    new Form.Builder($("form"), state.outline, state.values, state.meta, changed).build();
    persist();
    preview();
  }

  // -- preview: every word, number and finding comes from the server ---------------------------
  async function preview() {
    const mine = ++seq;
    let r;
    try {
      r = await call("/api/preview", docRequest());
    } catch (e) { previewState(e.message, true); return; }
    if (mine !== seq) return;      // a newer request is on its way
    const messages = r.errors.concat(r.findings);
    Form.showMessages($("form"), $("general-messages"), messages);
    const list = $("findings");
    list.replaceChildren();
    for (const m of messages) {
      const li = el("li", { class: "msg " + m.severity, text: `${m.severity}：${m.message}` });
      li.addEventListener("click", () => focusField(m.field));
      list.append(li);
    }
    if (!messages.length) list.append(el("li", { text: "没有发现问题。" }));
    if (r.blocks) {
      last = r;
      drawDocument();
      $("stats-text").textContent = r.stats_text;
      const s = r.stats;
      const line = $("stats-line");
      line.replaceChildren(el("span", { text: `共 ${s.words} 字，按每分钟 ${s.rate} 字约讲 ${s.minutes} 分钟` }));
      if (s.limit) line.append(el("span", { class: s.over > 0 ? "over" : "",
        text: s.over > 0 ? `，超出时限 ${s.limit} 分钟约 ${s.over} 分钟` : `，未超出时限 ${s.limit} 分钟` }));
      previewState((r.errors.length ? "预览已更新；问卷还有需要修改的地方，见各项下方的提示。" : "预览已更新。") +
        (r.notes || []).join(""));
    } else {
      previewState("问卷还有需要修改的地方，预览暂停更新；请按各项下方的提示修改。", true);
    }
  }

  function focusField(path) {
    const box = path && Form.fieldFor($("form"), path);
    const input = box && box.querySelector("input, textarea, select");
    if (input) { input.scrollIntoView({ block: "center" }); input.focus(); }
  }

  // A pack: a tab per document above the preview; the outline follows the tab shown.
  function drawDocument() {
    const docs = last.documents || null;
    const tabs = $("doc-tabs");
    tabs.hidden = !docs;
    if (!docs) {
      drawPreview(last.blocks);
      $("outline-text").textContent = last.outline_text;
      return;
    }
    const shown = docs.find((d) => d.name === tab) || docs[0];
    tab = shown.name;
    tabs.replaceChildren(...docs.map((d) => {
      const b = el("button", { type: "button", role: "tab", class: "tab", text: d.name });
      b.setAttribute("aria-selected", String(d === shown));
      b.onclick = () => { tab = d.name; drawDocument(); };
      return b;
    }));
    drawPreview(shown.blocks);
    $("outline-text").textContent = shown.outline_text;
  }

  function drawPreview(blocks) {
    const box = $("preview");
    box.replaceChildren();
    for (const b of blocks) {
      if (b.kind === "table") {
        const t = el("table");
        for (const row of b.cells) t.append(el("tr", {}, ...row.map((c) => el("td", { text: c }))));
        box.append(t);
        continue;
      }
      const p = el("p", { class: `k-${b.kind}` + (b.level ? ` l${b.level}` : "") });
      p.dataset.field = b.field;
      p.title = "点击定位到表单中的这一项";
      p.addEventListener("click", () => focusField(b.field));
      for (const r of b.runs) {
        p.append(r.role === "text" ? document.createTextNode(r.text)
          : el("span", { class: `r-${r.role}` + (r.level ? ` l${r.level}` : ""), text: r.text }));
      }
      box.append(p);
    }
  }

  // -- buttons --------------------------------------------------------------------------------
  function download(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function stem() { return state.name.replace(/\.(ya?ml)$/i, ""); }
  function isPack() { return !!(state.outline.pack && state.outline.pack.length); }

  // A pack downloads as one .zip holding every document.
  async function exportAs(format) {
    status(format === "pdf" ? "正在生成 PDF（需要几秒钟）……" : "正在生成 Word 文稿……");
    try {
      const name = isPack() ? `${stem()}（材料包）.zip` : `${stem()}.${format}`;
      download(await call("/api/export", docRequest({ format })), name);
      status("已生成，浏览器会把文件保存到“下载”文件夹。");
    } catch (e) { fail(e); }
  }

  async function save(force) {
    status("正在保存……");
    let r;
    try { r = await call("/api/save", docRequest({ hash: state.hash, force: !!force })); } catch (e) { fail(e); return; }
    if (r.conflict) {
      status(r.message + "未保存。", true);
      if (window.confirm(r.message + "\n\n仍要用页面上的内容覆盖该文件吗？")) save(true);
      return;
    }
    if (r.saved) {
      state.hash = r.hash;
      status(`已保存到 ${r.saved}。`);
    } else {
      download(new Blob([r.text], { type: "application/x-yaml" }), state.name);
      status(`已下载问卷 ${state.name}。`);
    }
    state.base = r.text;
    state.dirty = false;
    persist();
  }

  function guard() {
    return !state || !state.dirty || window.confirm("页面上有尚未保存的内容，继续将丢弃这些内容。确定吗？");
  }

  // A chosen file goes to the server as the request body, in memory; only its name travels along.
  function onFile(input, handler) {
    input.onchange = async () => {
      const f = input.files[0];
      input.value = "";
      if (!f) return;
      const headers = { "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(f.name),
        "X-Outline": encodeURIComponent(state ? state.outline.id : "") };
      try { await handler(await f.arrayBuffer(), headers, f.name); } catch (e) { fail(e); }
    };
  }

  async function newForm(id) {
    load(await call("/api/new", { outline: id }));
    status("已新建问卷，填写后会自动预览。");
  }

  function bind() {
    document.addEventListener("keydown", (ev) => {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(false); }
    });
    $("btn-docx").onclick = () => exportAs("docx");
    $("btn-pdf").onclick = () => exportAs("pdf");
    $("btn-save").onclick = () => save(false);
    $("btn-new").onclick = () => { if (guard()) newForm($("outline-select").value).catch(fail); };
    $("outline-select").onchange = () => {
      if (guard()) newForm($("outline-select").value).catch(fail);
      else $("outline-select").value = state.outline.id;
    };
    $("btn-open").onclick = () => guard() && $("file-open").click();
    $("btn-import").onclick = () => guard() && $("file-import").click();
    $("btn-format").onclick = () => $("file-format").click();
    onFile($("file-open"), async (body, headers) => {
      load(await call("/api/open", body, headers));
      status("已打开问卷。");
    });
    onFile($("file-import"), async (body, headers) => {
      headers["X-Outline"] = "";      // the importer chooses the outline that fits the old draft
      status("正在导入……");
      const doc = await call("/api/import", body, headers);
      load(doc);
      $("doc-name").append(el("ul", { class: "import-notes" }, ...doc.notes.map((n) => el("li", { text: n }))));
      status(`已把旧稿导入表单（大纲：${doc.outline.name}），请逐项核对。`);
    });
    onFile($("file-format"), async (body, headers) => {
      status("正在排版……");
      const blob = await call("/api/format", body, headers);
      download(blob, blob.fileName);
      status(`已按公文格式排版（改正 ${blob.corrections} 处），浏览器会把 ${blob.fileName} 保存到“下载”文件夹。`);
    });
  }

  async function start() {
    bind();
    let r;
    try { r = await call("/api/start"); } catch (e) { fail(e); return; }
    slot = r.slot;
    $("btn-pdf").hidden = !r.pdf;
    $("outline-select").replaceChildren(...r.outlines.map((o) => el("option", { value: o.id, text: o.name })));
    const kept = stored();
    if (kept && kept.dirty) {
      state = kept;
      draw();
      let note = "已恢复上次尚未保存的内容。";
      if (r.document && r.document.hash !== kept.hash) note += "文件在此期间被改动过，保存时会先询问。";
      $("doc-name").append(el("div", { class: "restored", text: note }));
    } else if (r.document) {
      load(r.document);
    } else if (kept) {
      state = kept;
      draw();
    } else {
      await newForm(r.outlines[0].id);
    }
  }

  start();
})();
