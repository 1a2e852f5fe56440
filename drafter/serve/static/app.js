// The workbench page: talks to drafter's server, keeps the form in the browser until it is saved.
//
// The page's parts, for features that hook in: the header's button groups (#buttons-doc: the
// questionnaire; #buttons-export: downloads of the draft; #buttons-drafts: a draft brought in
// from a file), the side pane's panels (#upload-panel: what was done to an uploaded draft;
// #findings-panel; #corrections-panel; stats, outline, preview). `clearDocument()` empties every
// panel that belongs to the form's document (a genre switch, a new or opened questionnaire);
// `lastPreview` is the newest preview answer; `flushPreview()` waits for one that is current.
"use strict";

(() => {
  const TOKEN = document.querySelector('meta[name="drafter-token"]').content;
  const $ = (id) => document.getElementById(id);
  const el = Form.el;
  const DEBOUNCE_MS = 300;
  let state = null;      // {outline, base, values, meta, name, hash, dirty, untitled}
  let tab = null;        // the pack document whose preview is shown (a pack has one tab each)
  let last = null;       // the last preview, to switch tabs without asking the server again
  let slot = "new";
  let timer = null;
  let seq = 0;
  let lastPreview = null;     // the newest preview answer, for the export prompt and the file name
  let previewing = null;      // the preview request on its way (a promise)

  class ApiError extends Error {
    constructor(body, status) {
      super(body.error || "请求失败");
      this.hint = body.hint || "";
      this.status = status;
    }
  }

  async function call(path, body, headers) {
    let res;
    try {
      res = await fetch(path, {
        method: "POST",
        headers: Object.assign({ "X-Drafter-Token": TOKEN }, headers ||
          { "Content-Type": "application/json" }),
        body: body instanceof ArrayBuffer ? body : JSON.stringify(body || {}),
      });
    } catch (e) {
      throw new ApiError({ error: "连接不上工作台", hint: "请确认运行 drafter serve 的窗口还开着；已关掉的，重新运行 drafter serve 后刷新本页，填写的内容不会丢。" }, 0);
    }
    const type = res.headers.get("Content-Type") || "";
    if (type.startsWith("application/json")) {
      const data = await res.json();
      if (!res.ok) throw new ApiError(data, res.status);
      return data;
    }
    if (!res.ok) throw new ApiError({ error: "请求没有完成（" + res.status + "）", hint: "请刷新页面后再试。" }, res.status);
    const blob = await res.blob();
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

  function withHint(m) {
    return m.message + (m.hint ? "（提示：" + m.hint.replace(/。$/, "") + "）" : "");
  }

  function fail(e) {
    status(withHint(e), true);
  }

  function docRequest(extra) {
    return Object.assign({ outline: state.outline.id, base: state.base, values: state.values,
      meta: state.meta, name: state.name }, extra || {});
  }

  // -- keeping the form in the browser until it is saved ---------------------------------------
  function storeKey() { return "drafter-workbench:" + slot; }
  function persist() {
    try { localStorage.setItem(storeKey(), JSON.stringify(state)); } catch (e) { status("浏览器无法暂存填写的内容：" + e.message + "（请及时保存问卷）", true); }
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
      name: doc.name, hash: doc.hash || null, dirty: false, untitled: !!doc.untitled }, extra || {});
    draw();
  }

  // Everything the page shows of the previous document goes before the next one is drawn.
  function clearDocument() {
    lastPreview = null;
    seq++;                      // an answer still on its way belongs to the previous document
    clearTimeout(timer);
    for (const id of ["findings", "corrections", "outline-text", "stats-text", "stats-line", "preview",
      "general-messages", "doc-notes", "preview-state", "doc-tabs"]) $(id).replaceChildren();
    $("corrections-panel").hidden = true;
    $("doc-tabs").hidden = true;
  }

  function draw() {
    clearDocument();
    $("outline-select").value = state.outline.id;
    $("btn-docx").textContent = isPack() ? "下载材料包（Word）" : "下载 Word";
    $("btn-pdf").textContent = isPack() ? "下载材料包（PDF）" : "下载 PDF";
    $("doc-name").textContent = state.untitled ? "新问卷（保存时下载 .yaml 文件，以文稿标题命名）"
      : (state.hash ? "正在编辑：" : "问卷：") + state.name + (state.hash ? "（保存即写回该文件）" : "（保存时下载 .yaml 文件）");
    new Form.Builder($("form"), state.outline, state.values, state.meta, changed).build();
    persist();
    preview();
  }

  // -- preview: every word, number and finding comes from the server ---------------------------
  function preview() {
    const mine = ++seq;
    const p = (async () => {
      let r;
      try {
        r = await call("/api/preview", docRequest());
      } catch (e) { if (mine === seq) previewState(withHint(e), true); return null; }
      if (mine !== seq) return null;      // a newer request is on its way, or another document
      show(r);
      return r;
    })();
    previewing = p;
    return p;
  }

  // The preview of what is in the form now: the one on its way, or a new one.
  async function flushPreview() {
    if (timer) { clearTimeout(timer); timer = null; await preview(); }
    else if (previewing) await previewing;
    return lastPreview;
  }

  function show(r) {
    lastPreview = r;
    const missing = r.errors.filter((m) => m.severity === "待填写");
    const others = r.errors.filter((m) => m.severity !== "待填写").concat(r.findings);
    Form.showMessages($("form"), $("general-messages"), r.errors.concat(r.findings), r.corrections || []);
    const list = $("findings");
    list.replaceChildren();
    if (missing.length) {
      const names = missing.map((m) => fieldLabel(m.field) || m.message).filter((x, i, a) => a.indexOf(x) === i);
      const li = el("li", { class: "msg 待填写", text: `还有 ${missing.length} 项必填内容待填写：${names.slice(0, 6).join("、")}${names.length > 6 ? "等" : ""}。预览中以“【待填写：……】”标出。` });
      li.addEventListener("click", () => focusField(missing[0].field));
      list.append(li);
    }
    for (const m of others) {
      const li = el("li", { class: "msg " + m.severity, text: `${m.severity}：${m.message}` });
      li.addEventListener("click", () => focusField(m.field));
      list.append(li);
    }
    if (!list.children.length) list.append(el("li", { text: "没有发现问题。" }));
    drawCorrections(r.corrections || []);
    if (r.blocks) {
      last = r;
      drawDocument();
      $("stats-text").textContent = r.stats_text;
      const s = r.stats;
      const line = $("stats-line");
      line.replaceChildren(el("span", { text: `共 ${s.words} 字，按每分钟 ${s.rate} 字约讲 ${s.minutes} 分钟` }));
      if (s.limit) line.append(el("span", { class: s.over > 0 ? "over" : "",
        text: s.over > 0 ? `，超出时限 ${s.limit} 分钟约 ${s.over} 分钟` : `，未超出时限 ${s.limit} 分钟` }));
      const notes = (r.notes || []).join("");
      if (r.empty) previewState("表单还是空的：从左边第一项填起，右边的预览随时更新。");
      else if (missing.length) previewState(`预览已更新；还有 ${missing.length} 项待填写，预览中以“【待填写：……】”标出。` + notes);
      else if (others.some((m) => m.severity === "错误")) previewState("预览已更新；还有需要修改的地方，见检查结果和各项下方的提示。" + notes);
      else previewState("预览已更新。" + notes);
    } else {
      // only a questionnaire that cannot be read at all (or a unit's template that fails) gets here
      for (const id of ["preview", "outline-text", "stats-text", "stats-line"]) $(id).replaceChildren();
      previewState("问卷有无法读取的地方，暂时无法预览；请按检查结果中的提示修改。", true);
    }
  }

  function fieldLabel(path) {
    const box = path && Form.fieldFor($("form"), path);
    const label = box && box.querySelector("label, legend");
    return label ? label.firstChild.textContent.trim() : "";
  }

  function focusField(path) {
    const box = path && Form.fieldFor($("form"), path);
    const input = box && box.querySelector("input, textarea, select");
    if (input) { input.scrollIntoView({ block: "center" }); input.focus(); }
  }

  function correctionItem(c, where) {
    return el("li", { class: "correction" }, el("span", { class: "rule", text: c.name }),
      where ? el("span", { class: "where", text: where }) : null,
      el("span", { class: "before", text: c.before }), el("span", { class: "arrow", text: " → " }),
      el("span", { class: "after", text: c.after || "（删去）" }));
  }

  function drawCorrections(list) {
    const box = $("corrections");
    box.replaceChildren();
    $("corrections-panel").hidden = !list.length;
    for (const c of list) {
      const li = correctionItem(c, fieldLabel(c.field));
      li.addEventListener("click", () => focusField(c.field));
      box.append(li);
    }
    $("btn-take").disabled = !list.some((c) => c.can_take);
  }

  // A pack: a tab per document above the preview; the outline follows the tab shown.
  function drawDocument() {
    const docs = last.documents || null;
    const tabs = $("doc-tabs");
    tabs.hidden = !docs;
    if (!docs) {
      drawPreview($("preview"), last.blocks, true);
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
    drawPreview($("preview"), shown.blocks, true);
    $("outline-text").textContent = shown.outline_text;
  }

  function drawPreview(box, blocks, linked) {
    box.replaceChildren();
    for (const b of blocks) {
      if (b.kind === "table") {
        const t = el("table");
        for (const row of b.cells) t.append(el("tr", {}, ...row.map((c) => el("td", { text: c }))));
        box.append(t);
        continue;
      }
      const p = el("p", { class: `k-${b.kind}` + (b.level ? ` l${b.level}` : "") });
      if (linked && b.field) {
        p.dataset.field = b.field;
        p.title = "点击定位到表单中的这一项";
        p.addEventListener("click", () => focusField(b.field));
      }
      for (const r of b.runs) {
        p.append(r.role === "text" ? textWithStandIns(r.text)
          : el("span", { class: `r-${r.role}` + (r.level ? ` l${r.level}` : "") }, textWithStandIns(r.text)));
      }
      box.append(p);
    }
  }

  // 【待填写：会议名称】 stands out in the preview: it is what is still to be written.
  function textWithStandIns(text) {
    const frag = document.createDocumentFragment();
    const parts = text.split(/(【待填写：[^】]*】)/);
    parts.forEach((part, i) => {
      if (!part) return;
      frag.append(i % 2 ? el("span", { class: "stand-in", text: part }) : document.createTextNode(part));
    });
    return frag;
  }

  // -- buttons --------------------------------------------------------------------------------
  function download(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // Before a file is made: never from an empty form; while something is open, the clerk decides.
  function exportQuestion(r) {
    const missing = r.errors.filter((m) => m.severity === "待填写");
    const errors = r.errors.filter((m) => m.severity === "错误").concat(r.findings.filter((m) => m.severity === "错误"));
    if (!missing.length && !errors.length) return "";
    const lines = [];
    if (errors.length) {
      lines.push(`检查结果中还有 ${errors.length} 处错误，例如：`);
      for (const m of errors.slice(0, 3)) lines.push("· " + m.message);
    }
    if (missing.length) lines.push(`还有 ${missing.length} 项必填内容没有填写，文稿中这些地方会写成“【待填写：……】”。`);
    lines.push("", "仍要下载吗？（选“取消”可先修改）");
    return lines.join("\n");
  }

  function isPack() { return !!(state.outline.pack && state.outline.pack.length); }

  // A pack downloads as one .zip holding every document.
  async function exportAs(format) {
    const r = await flushPreview();
    if (!r) { status("预览还没有完成，请稍候再下载。", true); return; }
    if (r.empty) {
      status("表单还是空的，没有可以生成的内容（提示：请先在左边的表单中填写，填好后再下载）", true);
      return;
    }
    const question = exportQuestion(r);
    if (question && !window.confirm(question)) { status("没有下载。改好后再点下载即可。"); return; }
    status(format === "pdf" ? "正在生成 PDF……" : "正在生成 Word 文稿……");
    try {
      const blob = await call("/api/export", docRequest({ format, confirmed: !!question }));
      download(blob, blob.fileName);
      status(`已生成 ${blob.fileName}，浏览器会把它保存到“下载”文件夹。` + (question ? "文稿中还有待改的地方，定稿前请改好。" : ""));
    } catch (e) { fail(e); }
  }

  async function save(force) {
    status("正在保存……");
    if (state.untitled) await flushPreview();      // its name comes from the current title
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
      // a new questionnaire is named after its draft's title, as the draft's download is
      const name = state.untitled && lastPreview && !lastPreview.empty ? lastPreview.file_name + ".yaml" : state.name;
      download(new Blob([r.text], { type: "application/x-yaml" }), name);
      status(`已下载问卷 ${name}。`);
    }
    state.base = r.text;
    state.dirty = false;
    persist();
  }

  // One click: every correction drafter listed goes into its answer; a file opened from the
  // command line is saved with them at once.
  async function takeCorrections() {
    await flushPreview();
    let r;
    try { r = await call("/api/corrections", docRequest()); } catch (e) { fail(e); return; }
    state.values = r.values;
    state.dirty = true;
    draw();
    const left = r.left ? `；${r.left} 处在问卷里找不到原来的写法，没有改` : "";
    if (state.hash) {
      await save(false);
      status(`已把 ${r.taken} 处改正写进问卷并保存到 ${state.name}${left}。`);
    } else {
      status(`已把 ${r.taken} 处改正写进表单${left}。点“保存问卷”即可保存。`);
    }
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
    status(`已新建“${state.outline.name}”问卷：从左边第一项填起，右边随时预览，还没填的地方显示为“【待填写：……】”。`);
  }

  function base64Blob(data) {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  // The upload panel: what was done to an uploaded draft, and what else can be made of it.
  function clearUpload(title) {
    $("upload-panel").hidden = false;
    $("upload-title").textContent = title;
    $("upload-summary").textContent = "";
    for (const id of ["upload-corrections", "upload-changes", "upload-findings", "upload-warnings"]) $(id).replaceChildren();
    $("upload-preview-box").hidden = true;
  }

  function listed(id, head, items) {
    $(id).dataset.head = head;
    $(id).replaceChildren(...items);
  }

  function showWarnings(warnings) {
    $("upload-warnings").replaceChildren(...warnings.map((w) => el("li", { class: "msg 警告", text: "警告：" + w })));
  }

  function showPreview(blocks) {
    drawPreview($("upload-preview"), blocks, false);
    $("upload-preview-box").hidden = false;
  }

  // What 给文稿排版 did to an uploaded draft: every correction at its line, and the typeset draft.
  function showUpload(r) {
    clearUpload(`给文稿排版：${r.source}`);
    $("upload-summary").textContent = r.corrections.length
      ? `已排成公文格式，改正 ${r.corrections.length} 处（按原稿的${r.unit}次列出）；排好的文稿已下载为 ${r.file_name}。`
      : `已排成公文格式，文字没有需要改正的地方；排好的文稿已下载为 ${r.file_name}。`;
    listed("upload-corrections", "", r.corrections.map((c) => correctionItem(c, c.line ? `第 ${c.line} ${r.unit}` : "")));
    showWarnings(r.warnings);
    showPreview(r.blocks);
    $("upload-panel").scrollIntoView({ block: "start" });
  }

  // -- the review loop in Word: the uploaded draft stays in the page (in memory) so that each
  // button sends it again; the workbench keeps nothing between requests.
  let uploaded = null;      // {name, body}
  const REVIEW_BUTTONS = ["btn-annotate", "btn-annotate-fix", "btn-track", "btn-compare"];
  const REVIEW_NAMES = { annotate: "批注稿", fix: "批注＋改正稿", track: "修订稿" };

  function suffixOf(name) {
    const m = /\.[^./\\]+$/.exec(name);
    return m ? m[0].toLowerCase() : "";
  }

  // The buttons this draft's kind of file allows; the ones it does not are named on the page, not
  // only in a tooltip. Returns how many can be used.
  function offerReview(name, body) {
    uploaded = { name, body };
    $("upload-actions").hidden = false;
    $("upload-name").textContent = name;
    const kind = suffixOf(name) || "无扩展名";
    const refused = [];
    for (const id of REVIEW_BUTTONS) {
      const b = $(id);
      b.dataset.title = b.dataset.title || b.title;
      b.disabled = !b.dataset.accept.split(",").includes(suffixOf(name));
      b.title = b.disabled ? `这份文稿是 ${kind} 文件，不能生成；可以处理的文件：${b.dataset.accept.replace(/,/g, "、")}`
        : b.dataset.title;
      if (b.disabled) refused.push(b.textContent.replace(/…$/, ""));
    }
    const left = REVIEW_BUTTONS.length - refused.length;
    $("upload-refused").textContent = !refused.length ? ""
      : !left ? `这份文稿是 ${kind} 文件，审阅文稿不能处理。请选择 Word 文稿（.docx）或纯文本（.txt、.md）；.doc、.wps 文件先在 Word 或 WPS 中另存为 .docx。`
      : `这份文稿是 ${kind} 文件，不能生成${refused.join("、")}（灰色的按钮）；要生成它们，请先在 Word 或 WPS 中把文稿另存为 .docx，再点“审阅文稿…”选择它。`;
    return left;
  }

  function uploadHeaders(name, extra) {
    return Object.assign({ "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(name) }, extra || {});
  }

  async function makeReview(kind) {
    if (!uploaded) return;
    status(`正在生成${REVIEW_NAMES[kind]}……`);
    const r = await call(kind === "track" ? "/api/track-changes" : "/api/annotate", uploaded.body,
      uploadHeaders(uploaded.name, kind === "fix" ? { "X-Fix": "1" } : {}));
    download(base64Blob(r.data), r.file_name);
    showReview(kind, r);
    status(`${REVIEW_NAMES[kind]}已生成，浏览器会把 ${r.file_name} 保存到“下载”文件夹；用 Word 或 WPS 打开即可逐条审阅。`);
  }

  function findingItem(f, where) {
    return el("li", { class: "msg " + f.severity }, where ? el("span", { class: "where", text: where }) : null,
      el("span", { text: `${f.severity}：${f.message}` }));
  }

  function showReview(kind, r) {
    clearUpload(`${REVIEW_NAMES[kind]}：${r.source}`);
    const where = (c) => (c.line ? `第 ${c.line} ${r.unit}` : "");
    let text;
    if (kind === "annotate") {
      text = r.findings.length ? `检查发现 ${r.findings.length} 个问题，已在原稿所指的文字上加批注 ${r.comments} 条；原稿的文字和版式不动。`
        : "检查没有发现问题，原稿不需要批注。";
    } else if (kind === "fix") {
      text = `改正 ${r.corrections.length} 处，作为 Word 修订写进原稿（修订 ${r.revisions} 处，原稿版式不动）；其余问题加批注 ${r.comments} 条。`;
    } else {
      text = r.corrections.length ? `已排成公文格式，改正 ${r.corrections.length} 处，每一处都是 Word 修订（共 ${r.revisions} 处），可在 Word 或 WPS 中逐条接受或拒绝。`
        : "已排成公文格式，文字没有需要改正的地方，文稿中没有修订。";
    }
    if (r.unplaced) text += `其中 ${r.unplaced} 条批注未能定位到所指的文字，放在所在段落的开头。`;
    if (r.not_applied.length) text += `有 ${r.not_applied.length} 处改正无法作为修订写进原稿（如自动编号中的文字），已列在下面，请在 Word 中手改。`;
    $("upload-summary").textContent = `${text}文稿已下载为 ${r.file_name}。`;
    listed("upload-corrections", kind === "track" ? "改正（每一处都是 Word 修订）" : "改正（Word 修订）",
      r.corrections.map((c) => correctionItem(c, where(c))));
    if (r.not_applied.length) {
      $("upload-corrections").append(...r.not_applied.map((c) => correctionItem(c, where(c) + "（未能作为修订）")));
    }
    if (kind !== "track") listed("upload-findings", "检查发现的问题（Word 批注）", r.findings.map((f) => findingItem(f, where(f))));
    showWarnings(r.warnings);
    if (r.blocks) showPreview(r.blocks);
    $("upload-panel").scrollIntoView({ block: "start" });
  }

  async function compareWith(body, name) {
    const other = { name, body };
    const [a, b] = $("compare-role").value === "first" ? [uploaded, other] : [other, uploaded];
    const both = new Uint8Array(a.body.byteLength + b.body.byteLength);
    both.set(new Uint8Array(a.body), 0);
    both.set(new Uint8Array(b.body), a.body.byteLength);
    status("正在对照两稿……");
    const r = await call("/api/compare", both.buffer, uploadHeaders(a.name, {
      "X-Second-Name": encodeURIComponent(b.name), "X-First-Length": String(a.body.byteLength) }));
    download(base64Blob(r.data), r.file_name);
    clearUpload(`两稿对照：${r.first} → ${r.second}`);
    const counts = Object.entries(r.counts).filter(([, n]) => n).map(([k, n]) => `${k} ${n} 处`);
    $("upload-summary").textContent = (counts.length ? `改动：${counts.join("，")}。` : "两稿文字相同。")
      + `对照稿已下载为 ${r.file_name}：二稿排成公文格式，每一处不同都是 Word 修订（${r.revisions} 处）；`
      + "在 Word 或 WPS 中接受全部修订即为二稿，拒绝全部修订即为一稿。";
    const KEY = ["数字", "日期", "名称", "提法"];
    listed("upload-changes", "改动清单（先列数字、日期、名称和提法）", r.changes.map((c) =>
      el("li", { class: "change" + (KEY.includes(c.kind) ? " key" : "") }, el("span", { class: "kind", text: c.kind === "段落" ? c.before : c.kind }),
        el("span", { text: c.text.slice(c.text.indexOf("：") + 1) }))));
    showWarnings(r.warnings);
    $("upload-panel").scrollIntoView({ block: "start" });
    status(`已对照两稿，改动 ${r.changes.length} 处（见右边的清单），浏览器会把 ${r.file_name} 保存到“下载”文件夹。`);
  }

  function bind() {
    document.addEventListener("keydown", (ev) => {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(false); }
    });
    $("btn-docx").onclick = () => exportAs("docx");
    $("btn-pdf").onclick = () => exportAs("pdf");
    $("btn-save").onclick = () => save(false);
    $("btn-take").onclick = () => takeCorrections();
    $("upload-close").onclick = () => { $("upload-panel").hidden = true; };
    $("btn-new").onclick = () => { if (guard()) newForm($("outline-select").value).catch(fail); };
    $("outline-select").onchange = () => {
      if (guard()) newForm($("outline-select").value).catch(fail);
      else $("outline-select").value = state.outline.id;
    };
    $("btn-open").onclick = () => guard() && $("file-open").click();
    $("btn-import").onclick = () => guard() && $("file-import").click();
    $("btn-format").onclick = () => $("file-format").click();
    $("btn-review").onclick = () => $("file-review").click();
    $("btn-annotate").onclick = () => makeReview("annotate").catch(fail);
    $("btn-annotate-fix").onclick = () => makeReview("fix").catch(fail);
    $("btn-track").onclick = () => makeReview("track").catch(fail);
    $("btn-compare").onclick = () => $("file-compare").click();
    onFile($("file-review"), async (body, headers, name) => {
      clearUpload(`审阅文稿：${name}`);
      const usable = offerReview(name, body);
      $("upload-summary").textContent = usable ? "请选择要生成的文稿：批注稿、批注＋改正稿、修订稿，或与另一稿对照。" : "";
      $("upload-panel").scrollIntoView({ block: "start" });
      if (usable) status(`已选择 ${name}，请在右边选择要生成的文稿。`);
      else status(`${name} 不是审阅文稿能处理的文件（提示：请点“审阅文稿…”另选一份 .docx、.txt 或 .md 文稿）`, true);
    });
    onFile($("file-compare"), (body, headers, name) => compareWith(body, name));
    onFile($("file-open"), async (body, headers) => {
      load(await call("/api/open", body, headers));
      status("已打开问卷。");
    });
    onFile($("file-import"), async (body, headers) => {
      headers["X-Outline"] = "";      // the importer chooses the outline that fits the old draft
      status("正在导入……");
      const doc = await call("/api/import", body, headers);
      load(doc);
      $("doc-notes").append(el("ul", { class: "import-notes" }, ...doc.notes.map((n) => el("li", { text: n }))));
      status(`已把旧稿导入表单（${doc.outline.name}），请逐项核对。`);
    });
    onFile($("file-format"), async (body, headers, name) => {
      status("正在排版……");
      const r = await call("/api/format", body, headers);
      download(base64Blob(r.data), r.file_name);
      showUpload(r);
      offerReview(name, body);
      status(`已按公文格式排版（改正 ${r.corrections.length} 处，见右边的清单），浏览器会把 ${r.file_name} 保存到“下载”文件夹。`);
    });
  }

  // The side pane sits below the bar and the status line, whose height changes when the bar wraps.
  function followTop() {
    const top = $("top");
    const set = () => document.documentElement.style.setProperty("--top-h", top.offsetHeight + "px");
    set();
    if (window.ResizeObserver) new ResizeObserver(set).observe(top);
  }

  async function start() {
    bind();
    followTop();
    let r;
    try { r = await call("/api/start"); } catch (e) { fail(e); return; }
    slot = r.slot;
    $("btn-pdf").hidden = !r.pdf;
    $("outline-select").replaceChildren(...r.outlines.map((o) => el("option", { value: o.id, text: o.name, title: o.description })));
    const kept = stored();
    if (kept && kept.dirty) {
      state = kept;
      draw();
      let note = "已恢复上次尚未保存的内容。";
      if (r.document && r.document.hash !== kept.hash) note += "文件在此期间被改动过，保存时会先询问。";
      $("doc-notes").append(el("div", { class: "restored", text: note }));
    } else if (r.document) {
      load(r.document);
    } else if (kept) {
      state = kept;
      draw();
    } else {
      await newForm(r.default);
    }
  }

  start();
})();
