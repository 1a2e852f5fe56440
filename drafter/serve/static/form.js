// The form, generated from the outline schema the server sends. It only holds values: every
// check, every number and every word of the draft comes from the server.
"use strict";

const Form = (() => {
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }

  // An empty answer for a question, as `drafter init` leaves it (a list starts with its minimum).
  function empty(q) {
    if (q.type === "group") {
      const o = {};
      for (const s of q.questions) o[s.key] = empty(s);
      return o;
    }
    if (q.type === "list") {
      // a recursive list (自由结构的“下级”) starts empty, as init writes it
      const n = q.item.questions && q.item.questions.some((s) => s.item === q.item) ? 0
        : Math.max(q.min_items || 0, 1);
      return Array.from({ length: n }, () => empty(q.item));
    }
    return "";
  }

  // Lists that repeat an enclosing question arrive as {ref: uid}: point them at that question.
  function link(q, byUid) {
    byUid[q.uid] = q;
    for (const s of q.questions || []) link(s, byUid);
    if (q.item) {
      if (q.item.ref) q.item = byUid[q.item.ref];
      else link(q.item, byUid);
    }
  }

  class Builder {
    constructor(root, outline, values, meta, onChange) {
      outline = JSON.parse(JSON.stringify(outline));   // linked, it has cycles: the stored copy must not
      const byUid = {};
      for (const q of outline.questions) link(q, byUid);
      this.root = root;
      this.outline = outline;
      this.values = values;
      this.meta = meta;
      this.onChange = onChange;
    }

    build() {
      this.root.replaceChildren();
      this.root.append(this.metaFields());
      for (const q of this.outline.questions) {
        this.root.append(this.question(q, this.values, q.key, q.key));
      }
    }

    metaFields() {
      const box = el("fieldset", { class: "meta" }, el("legend", { text: "讲话设置（选填）" }));
      const put = (name, label, help, input) => {
        const wrap = el("div", { class: "field", "data-field": "meta." + name },
          el("label", { for: "f-meta-" + name, text: label }), el("div", { class: "help", text: help }), input,
          el("div", { class: "msgs" }));
        input.id = "f-meta-" + name;
        input.dataset.path = "meta." + name;
        input.addEventListener("input", () => { this.meta[name] = input.value; this.onChange(); });
        box.append(wrap);
      };
      put("time_limit", "时长上限（分钟）", "讲话限时多少分钟；超时会在检查结果中提示。",
        el("input", { type: "text", inputmode: "numeric", value: this.meta.time_limit || "", placeholder: "30" }));
      put("rate", "语速（字/分钟）", "每分钟念多少字，默认 200。",
        el("input", { type: "text", inputmode: "numeric", value: this.meta.rate || "", placeholder: "200" }));
      if (this.outline.level2) {
        const sel = el("select", { class: "answer" }, el("option", { value: "", text: "（按大纲默认）" }),
          el("option", { value: "单独成行", text: "单独成行" }), el("option", { value: "段首", text: "段首" }));
        sel.value = this.meta.level2 || "";
        put("level2", "二级标题", "（一）（二）级小标题单独成行，还是写在段首。", sel);
      }
      return box;
    }

    label(q, forId) {
      const lab = el("label", { for: forId, text: q.label });
      const mark = q.required ? el("span", { class: "req", text: q.requirement })
        : el("span", { class: "opt", text: q.requirement });
      lab.append(mark);
      return lab;
    }

    question(q, holder, key, path) {
      if (q.type === "group") return this.group(q, holder[key], path);
      if (q.type === "list") return this.list(q, holder, key, path);
      return this.leaf(q, holder, key, path);
    }

    group(q, obj, path) {
      const box = el("fieldset", { class: "group", "data-field": path }, el("legend", { text: q.label }));
      box.querySelector("legend").append(el("span", { class: q.required ? "req" : "opt", text: q.requirement }));
      if (q.help) box.append(el("div", { class: "help", text: q.help }));
      box.append(el("div", { class: "msgs" }));
      for (const s of q.questions) box.append(this.question(s, obj, s.key, path + "." + s.key));
      return box;
    }

    list(q, holder, key, path) {
      const box = el("fieldset", { class: "list", "data-field": path }, el("legend", { text: q.label }));
      box.querySelector("legend").append(el("span", { class: q.required ? "req" : "opt", text: q.requirement }));
      if (q.help) box.append(el("div", { class: "help", text: q.help }));
      box.append(el("div", { class: "msgs" }));
      const entries = el("div", { class: "entries" });
      box.append(entries);
      const items = holder[key];
      const redraw = () => {
        entries.replaceChildren();
        items.forEach((_, i) => entries.append(this.entry(q, items, i, path, redraw)));
        add.disabled = q.max_items !== null && q.max_items !== undefined && items.length >= q.max_items;
      };
      const add = el("button", { type: "button", class: "small add", "data-list": path, text: "＋ 添加一项",
        onclick: () => { items.push(empty(q.item)); redraw(); this.onChange(); } });
      box.append(add);
      redraw();
      return box;
    }

    entry(q, items, i, path, redraw) {
      const p = path + "." + i;
      const move = (to) => {
        const [x] = items.splice(i, 1);
        items.splice(to, 0, x);
        redraw();
        this.onChange();
      };
      const head = el("div", { class: "entry-head" }, el("span", { text: `${q.item.label} 第 ${i + 1} 项` }),
        el("button", { type: "button", class: "small", text: "上移", disabled: i === 0, onclick: () => move(i - 1) }),
        el("button", { type: "button", class: "small", text: "下移", disabled: i === items.length - 1,
          onclick: () => move(i + 1) }),
        el("button", { type: "button", class: "small", text: "删除",
          onclick: () => { items.splice(i, 1); redraw(); this.onChange(); } }));
      const box = el("div", { class: "entry", "data-field": p }, head, el("div", { class: "msgs" }));
      if (q.item.type === "group") {
        for (const s of q.item.questions) box.append(this.question(s, items[i], s.key, p + "." + s.key));
      } else {
        box.append(this.leaf(q.item, items, i, p, true));
      }
      return box;
    }

    leaf(q, holder, key, path, bare) {
      const id = "f-" + path.replace(/\./g, "-");
      let input;
      if (q.type === "prose") {
        input = el("textarea", { rows: 3, placeholder: q.example ? "示例：" + q.example : "每段一行" });
      } else if (q.type === "text" && !(q.max_length && q.max_length <= 40)) {
        // a sentence or two: room to read it; drafter joins the lines as it does in a questionnaire
        input = el("textarea", { rows: 2, class: "sentence", placeholder: q.example ? "示例：" + q.example : "" });
      } else if (q.type === "choice") {
        input = el("select", { class: "answer" }, el("option", { value: "", text: "（请选择）" }),
          ...q.choices.map((c) => el("option", { value: c, text: c })));
      } else {
        input = el("input", { type: "text", inputmode: q.type === "integer" ? "numeric" : undefined,
          placeholder: q.type === "date" ? "例如 2025-01-06 或 2025年1月6日"
            : (q.example ? "示例：" + q.example : (q.default ? "不填则用：" + q.default : "")) });
      }
      input.id = id;
      input.dataset.path = path;
      input.value = holder[key] || "";
      const counter = q.max_length ? el("div", { class: "counter" }) : null;
      const count = () => { if (counter) counter.textContent = `${[...input.value].length} / ${q.max_length} 字`; };
      count();
      input.addEventListener("input", () => {
        holder[key] = input.value;
        input.dataset.touched = "1";
        count();
        this.onChange();
      });
      const wrap = el("div", { class: "field", "data-field": path });
      if (!bare) wrap.append(this.label(q, id));
      if (q.help && !bare) wrap.append(el("div", { class: "help", text: q.help }));
      if (q.default && !bare) wrap.append(el("div", { class: "help", text: "不填则用：" + q.default }));
      wrap.append(input);
      if (counter) wrap.append(counter);
      wrap.append(el("div", { class: "msgs" }));
      return wrap;
    }
  }

  // The nearest field on the page for a path the server names ('a.b.0.c' → 'a.b.0' → …).
  function fieldFor(root, path) {
    let p = path;
    while (p) {
      const box = root.querySelector(`[data-field="${CSS.escape(p)}"]`);
      if (box) return box;
      p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "";
    }
    return null;
  }

  // Each message under the field it is about; drafter's corrections too, with before and after.
  function showMessages(root, general, messages, corrections) {
    for (const m of root.querySelectorAll(".msgs")) m.replaceChildren();
    for (const f of root.querySelectorAll(".has-error")) f.classList.remove("has-error");
    general.replaceChildren();
    for (const m of messages) {
      const box = m.field ? fieldFor(root, m.field) : null;
      const text = m.message + (m.hint ? "（提示：" + m.hint.replace(/。$/, "") + "）" : "");
      const line = el("div", { class: "msg " + m.severity, text: (m.rule ? "检查：" : "") + text });
      line.dataset.kind = m.rule ? "finding" : m.severity === "待填写" ? "missing" : "error";
      if (box) {
        // an answer not yet begun: its message waits quietly instead of shouting in red
        const input = box.classList.contains("field") && box.querySelector("input, textarea, select");
        const untouched = input && !input.value && !input.dataset.touched;
        // a required answer not begun yet: the label says 必填 and the preview 【待填写】; enough
        if (m.severity === "待填写" && (untouched || !input)) continue;
        if (m.severity === "待填写" || untouched) line.classList.add("pending");
        box.querySelector(":scope > .msgs").append(line);
        if (m.severity === "错误" && !line.classList.contains("pending")) box.classList.add("has-error");
      } else {
        general.append(line);
      }
    }
    for (const c of corrections || []) {
      const box = c.field ? fieldFor(root, c.field) : null;
      const line = el("div", { class: "msg 改正" }, el("span", { text: `改正（${c.name}）：` }),
        el("span", { class: "before", text: c.before }), el("span", { text: " → " }),
        el("span", { class: "after", text: c.after || "（删去）" }));
      line.dataset.kind = "correction";
      (box ? box.querySelector(":scope > .msgs") : general).append(line);
    }
  }

  return { Builder, empty, el, fieldFor, showMessages };
})();
