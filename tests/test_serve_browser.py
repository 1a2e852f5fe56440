"""drafter serve in a real browser: Debian's chromium driven by Playwright (never a downloaded one).

The page is filled as a clerk fills it, from the example questionnaire's values; what it shows and
downloads is compared with what the CLI makes of the same answers.
"""
import shutil
from pathlib import Path

import pytest

from drafter.genre.outline import find_outline
from drafter.read.reader import read_draft
from drafter.serve.qtext import form_values, meta_values
from drafter.serve.server import start_in_thread
from drafter.yamlsrc import load_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leader-speech.yaml"
SHOTS = ROOT / "out" / "screenshots"
WAIT_MS = 60_000     # a bound against hanging, not a speed test: a loaded machine can take seconds


def expect(locator):
    from playwright.sync_api import expect as pw_expect
    return pw_expect(locator)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("找不到 Debian 的 chromium：请以 root 运行 scripts/install-system-deps.sh"
                "（apt-get install chromium）。浏览器测试不会跳过。")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("缺少 Playwright 的 Python 包：pip install '.[test]'（不要运行 playwright install）。")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def workbench():
    servers = []

    def start(file=None):
        s = start_in_thread(file)
        servers.append(s)
        return s
    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def open_page(page, server, outline="leader-speech"):
    """The page, showing the file given to the server, or a new form of ``outline``."""
    page.goto(server.url)
    page.wait_for_selector("#form [data-path]")
    wait_preview(page)
    if server.bench.file is None and page.input_value("#outline-select") != outline:
        page.select_option("#outline-select", outline)
        expect(page.locator('[data-path="meeting"]')).to_be_visible()


def wait_preview(page):
    # the page's policy forbids eval, so waits go through locators, not wait_for_function
    expect(page.locator("#preview-state")).not_to_be_empty()


def status_says(page, text):
    expect(page.locator("#status")).to_contain_text(text)


def saved_download(page, tmp_path, name):
    """Click 保存问卷 for a questionnaire not from the command line: the bytes the browser downloads."""
    with page.expect_download() as dl:
        page.click("#btn-save")
    assert dl.value.suggested_filename == name
    got = tmp_path / ("下载-" + name)
    dl.value.save_as(got)
    return got.read_bytes()


def fill_form(page, q, value, path):
    """Type the example's answers into the form, adding list entries as a clerk would."""
    if q.type == "group":
        for sub in q.questions:
            fill_form(page, sub, value.get(sub.key), f"{path}.{sub.key}" if path else sub.key)
    elif q.type == "list":
        have = page.locator(f'[data-field="{path}"] > .entries > .entry').count()
        for _ in range(len(value) - have):
            page.click(f'button[data-list="{path}"]')
        for i, x in enumerate(value):
            fill_form(page, q.item, x, f"{path}.{i}")
    else:
        page.fill(f'[data-path="{path}"]', value)


def test_fill_the_leader_speech_form_preview_findings_and_docx(page, workbench, tmp_path, drafter_cli):
    server = workbench()
    open_page(page, server)
    outline = find_outline("leader-speech")
    data = load_yaml(EXAMPLE).data
    fill_form(page, outline.root, form_values(outline.root, data), "")
    page.fill('[data-path="meta.time_limit"]', meta_values(data)["time_limit"])
    expect(page.locator("#preview")).to_contain_text("陆承泽")
    expect(page.locator("#outline-text")).to_contain_text("（四）志愿力量不断壮大")
    expect(page.locator("#stats-text")).to_contain_text("时限 30 分钟")
    assert "一、回顾成效，坚定做好社会工作的信心决心" in page.inner_text("#outline-text")
    assert "时限 30 分钟" in page.text_content("#stats-text")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#preview").screenshot(path=str(SHOTS / "preview.png"))

    # the .docx the page downloads is, block by block, what `drafter render` makes of the example,
    # and is named after its title
    with page.expect_download() as dl:
        page.click("#btn-docx")
    assert dl.value.suggested_filename == "在临江区社会工作会议上的讲话.docx"
    got = tmp_path / "page.docx"
    dl.value.save_as(got)
    ref = tmp_path / "cli.docx"
    assert drafter_cli("render", EXAMPLE, "-o", ref).exit_code == 0

    def blocks(p):
        return [(b.kind, b.level, b.text, tuple((r.role, r.level) for r in b.runs if r.text))
                for b in read_draft(p).blocks]
    assert blocks(got) == blocks(ref) and len(blocks(ref)) > 40

    # a placeholder planted in one answer is reported at that answer's field
    page.fill('[data-path="opening.attendees"]', "*街道和区直各单位负责同志参加会议。")
    at_field = page.locator('[data-field="opening.attendees"] > .msgs .msg')
    expect(at_field.first).to_contain_text("遗留占位符号“*”")
    assert page.locator('[data-field="opening.purpose"] > .msgs .msg').count() == 0
    expect(page.locator("#findings")).to_contain_text("遗留占位符号")
    page.locator("#findings").scroll_into_view_if_needed()
    page.locator('[data-field="opening.reports"]').scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "workbench.png"))


def test_reload_keeps_what_was_typed(page, workbench):
    server = workbench()
    open_page(page, server)
    page.fill('[data-path="speaker"]', "林晓岚")
    page.fill('[data-path="opening.purpose"]', "这次会议的任务是部署今年的工作。")
    page.reload()
    page.wait_for_selector("#form [data-path]")
    assert page.input_value('[data-path="speaker"]') == "林晓岚"
    assert page.input_value('[data-path="opening.purpose"]') == "这次会议的任务是部署今年的工作。"
    expect(page.locator("#doc-notes")).to_contain_text("已恢复上次尚未保存的内容")


def test_save_refuses_to_overwrite_a_file_changed_on_disk(page, workbench, tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    server = workbench(q)
    open_page(page, server)
    page.fill('[data-path="speaker"]', "林晓岚")
    expect(page.locator("#preview")).to_contain_text("林晓岚")
    theirs = q.read_text(encoding="utf-8").replace("讲话人: 陆承泽", "讲话人: 别人改的")
    q.write_text(theirs, encoding="utf-8")
    asked = []

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()
    page.once("dialog", refuse)
    page.click("#btn-save")
    status_says(page, "未保存")
    assert asked and "已被其他程序改动" in asked[0]
    assert q.read_text(encoding="utf-8") == theirs
    page.once("dialog", lambda d: d.accept())
    page.click("#btn-save")
    status_says(page, "已保存")
    assert "讲话人: 林晓岚" in q.read_text(encoding="utf-8")


def test_a_questionnaire_opened_and_saved_unchanged_is_byte_identical(page, workbench, tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    before = q.read_bytes()
    server = workbench(q)
    open_page(page, server)
    page.click("#btn-save")
    status_says(page, "已保存")
    assert q.read_bytes() == before
    # one answer changed: one line changed, every comment kept
    page.fill('[data-path="topic"]', "基层治理工作")
    page.click("#btn-save")
    status_says(page, "已保存")
    old, new = before.decode("utf-8").splitlines(), q.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    assert [(a, b) for a, b in zip(old, new) if a != b] == [("工作名称: 社会工作", "工作名称: 基层治理工作")]


def test_open_a_questionnaire_and_save_it_as_a_download_unchanged(page, workbench, tmp_path):
    server = workbench()
    open_page(page, server)
    page.set_input_files("#file-open", str(EXAMPLE))
    expect(page.locator('[data-path="speaker"]')).to_have_value("陆承泽")
    expect(page.locator("#preview")).to_contain_text("陆承泽")
    assert saved_download(page, tmp_path, "leader-speech.yaml") == EXAMPLE.read_bytes()


def test_list_entries_move_and_go_and_the_numbering_follows(page, workbench, tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    server = workbench(q)
    open_page(page, server)
    entries = page.locator('[data-field="situation.problems"] > .entries > .entry')
    assert entries.count() == 4
    entries.nth(1).get_by_role("button", name="上移").click()
    entries.nth(3).get_by_role("button", name="删除").click()
    expect(entries).to_have_count(3)
    outline = page.locator("#outline-text")
    expect(outline).to_contain_text("一是党建覆盖还不够深入。\n  二是统筹协调还不够顺畅。\n  三是减负成效还不够稳固。\n三、")
    page.click("#btn-save")
    status_says(page, "已保存")
    from drafter.genre.questionnaire import read_answers
    heads = [str(p.head) for p in read_answers(q).values.situation.problems]
    assert heads == ["党建覆盖还不够深入", "统筹协调还不够顺畅", "减负成效还不够稳固"]


def test_invalid_input_shows_the_cli_message_at_the_field(page, workbench, tmp_path, drafter_cli):
    server = workbench()
    open_page(page, server)
    page.fill('[data-path="date"]', "明年春天")
    msg = page.locator('[data-field="date"] > .msgs .msg')
    message = "「讲话日期」不是有效的日期：“明年春天”"
    expect(msg.first).to_contain_text(message)
    shown = msg.first.inner_text()
    bad = tmp_path / "q.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("讲话日期: 2025-02-26", "讲话日期: 明年春天"),
                   encoding="utf-8")
    cli = drafter_cli("check", bad).output
    assert message in shown and message in cli
    assert "请写成 2025-01-06 或 2025年1月6日" in shown and "请写成 2025-01-06 或 2025年1月6日" in cli
    assert page.locator('[data-field="date"].has-error').count() == 1


def test_format_an_uploaded_draft_as_drafter_format_does(page, workbench, tmp_path, drafter_cli):
    server = workbench()
    open_page(page, server)
    old = tmp_path / "手稿.txt"
    old.write_text("在全区工作会议上的讲话\n\n同志们：\n\n一、抓好重点工作\n\n今天的会议很重要,大家要认真落实.\n",
                   encoding="utf-8")
    with page.expect_download() as dl:
        page.set_input_files("#file-format", str(old))
    assert dl.value.suggested_filename == "手稿（排版）.docx"
    got = tmp_path / "page.docx"
    dl.value.save_as(got)
    status_says(page, "改正")
    ref = tmp_path / "cli.docx"
    assert drafter_cli("format", old, "-o", ref).exit_code == 0

    def blocks(p):
        return [(b.kind, b.level, b.text) for b in read_draft(p).blocks]
    assert blocks(got) == blocks(ref)
    assert any("很重要，大家" in text for _, _, text in blocks(got)), "the half-width comma is corrected"


def test_import_an_old_draft_into_the_form_as_drafter_import_does(page, workbench, tmp_path, drafter_cli):
    old = tmp_path / "去年讲话.txt"
    assert drafter_cli("render", EXAMPLE, "--format", "txt", "-o", old).exit_code == 0
    server = workbench()
    open_page(page, server)
    page.set_input_files("#file-import", str(old))
    status_says(page, "已把旧稿导入表单")
    expect(page.locator("#doc-notes .import-notes")).to_contain_text("按“会议讲话（成效—形势—问题—任务）”导入")
    expect(page.locator('[data-path="speaker"]')).to_have_value("陆承泽")
    expect(page.locator("#outline-text")).to_contain_text("（四）志愿力量不断壮大")
    # the form holds exactly the questionnaire `drafter import` writes: saved unchanged, it is that file
    ref = tmp_path / "cli.yaml"
    assert drafter_cli("import", old, "-o", ref).exit_code == 0
    assert saved_download(page, tmp_path, "去年讲话.yaml") == ref.read_bytes()


def test_every_built_in_outline_becomes_a_form(page, workbench):
    from drafter.genre.outline import list_outlines
    server = workbench()
    open_page(page, server)
    for o in list_outlines():
        page.select_option("#outline-select", o.id)
        first = o.questions[0]
        expect(page.locator(f'[data-field="{first.key}"] label').first).to_contain_text(first.label)
        assert page.locator("#form [data-path]").count() >= len(o.questions)


# -- the front door (issue 24) ----------------------------------------------------------------
def shot(page, name, locator=None):
    SHOTS.mkdir(parents=True, exist_ok=True)
    (locator or page).screenshot(path=str(SHOTS / name))


def test_the_first_screen_is_a_speech_previewing_what_is_still_to_fill(page, workbench):
    server = workbench()
    page.goto(server.url)
    page.wait_for_selector("#form [data-path]")
    assert page.input_value("#outline-select") == "leader-speech"
    assert page.locator("#outline-select option").last.inner_text() == "自由结构"
    expect(page.locator("#preview .k-title")).to_have_text("在【待填写：会议名称】上的讲话")
    expect(page.locator("#preview-state")).to_contain_text("表单还是空的")
    expect(page.locator("#findings")).to_contain_text("必填内容待填写：会议名称")
    assert page.locator("#findings .msg.错误").count() == 0, "a form not begun shows no red errors"
    assert page.locator("#form .has-error").count() == 0
    expect(page.locator("#outline-text")).to_contain_text("一、回顾成效")
    shot(page, "first-screen.png")


def test_a_partly_filled_form_keeps_previewing(page, workbench, tmp_path):
    server = workbench()
    open_page(page, server)
    page.fill('[data-path="meeting"]', "全市社区工作会议")
    page.fill('[data-path="speaker"]', "林晓岚")
    page.fill('[data-path="topic"]', "社会工作")
    expect(page.locator("#preview .k-title")).to_have_text("在全市社区工作会议上的讲话")
    expect(page.locator("#preview")).to_contain_text("林晓岚")
    expect(page.locator("#preview .stand-in").first).to_have_text("【待填写：讲话日期】")
    expect(page.locator("#preview-state")).to_contain_text("待填写")
    assert "暂停" not in page.inner_text("#preview-state")
    expect(page.locator("#outline-text")).to_contain_text("一、回顾成效，坚定做好社会工作的信心决心")
    # an answer that is wrong is an error at its field, and the preview still goes on
    page.fill('[data-path="date"]', "明年春天")
    expect(page.locator('[data-field="date"] > .msgs .msg.错误')).to_contain_text("不是有效的日期")
    expect(page.locator("#preview")).to_contain_text("（【待填写：讲话日期】）")
    page.fill('[data-path="date"]', "2025-03-18")
    expect(page.locator("#preview")).to_contain_text("（2025年3月18日）")
    shot(page, "partial-preview.png")
    # a new questionnaire is saved under its draft's title too
    saved = saved_download(page, tmp_path, "在全市社区工作会议上的讲话.yaml").decode("utf-8")
    assert "会议名称: 全市社区工作会议" in saved and "讲话人: 林晓岚" in saved


def test_a_genre_switch_clears_everything_of_the_previous_one(page, workbench):
    server = workbench()
    open_page(page, server)
    page.fill('[data-path="meeting"]', "全市社区工作会议")
    page.fill('[data-path="opening.purpose"]', "今天召开会议,部署工作。")
    expect(page.locator("#corrections")).to_contain_text("半角标点改为全角")
    words = page.inner_text("#stats-line")
    page.once("dialog", lambda d: d.accept())      # the form has unsaved answers: asked, and agreed
    page.select_option("#outline-select", "report-actions")
    expect(page.locator("#preview .k-title")).to_have_text("在【待填写：会议名称】上的汇报发言")
    expect(page.locator('[data-path="meeting"]')).to_have_value("")
    for gone in ("回顾成效", "全市社区工作会议", "今天召开会议"):
        for where in ("#outline-text", "#preview", "#findings", "#form"):
            assert gone not in page.inner_text(where), (gone, where)
    assert page.locator("#corrections-panel").is_hidden()
    assert page.inner_text("#stats-line") != words
    assert "尊敬的各位领导" in page.inner_text("#preview")
    shot(page, "genre-switch.png")


def test_an_empty_form_downloads_nothing(page, workbench):
    server = workbench()
    open_page(page, server)
    got = []
    page.on("download", lambda d: got.append(d))
    page.click("#btn-docx")
    status_says(page, "表单还是空的")
    page.wait_for_timeout(500)
    assert got == []


def test_corrections_are_listed_at_their_field_and_saved_with_one_click(page, workbench, tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    server = workbench(q)
    open_page(page, server)
    page.fill('[data-path="opening.purpose"]', "这次会议的主要任务是部署工作,请大家认真落实。")
    page.fill('[data-path="results.heading"]', "回顾成效，坚定做好社会工作的信心决心。")
    listed = page.locator("#corrections li")
    expect(listed).to_have_count(2)
    expect(listed.nth(0)).to_contain_text("半角标点改为全角")
    expect(listed.nth(0).locator(".before")).to_contain_text("工作,请")
    expect(listed.nth(0).locator(".after")).to_contain_text("工作，请")
    expect(listed.nth(1)).to_contain_text("独立标题删去末尾的标点")
    at_field = page.locator('[data-field="results.heading"] > .msgs .msg.改正')
    expect(at_field).to_contain_text("信心决心。")
    expect(page.locator('[data-field="opening.purpose"] > .msgs .msg.改正')).to_contain_text("工作，请")
    # the preview shows the draft as drafter writes it
    expect(page.locator("#preview")).to_contain_text("部署工作，请大家认真落实")
    page.locator("#corrections-panel").scroll_into_view_if_needed()
    shot(page, "corrections.png")
    page.click("#btn-take")
    status_says(page, "已把 2 处改正写进问卷并保存")
    expect(page.locator('[data-path="opening.purpose"]')).to_have_value("这次会议的主要任务是部署工作，请大家认真落实。")
    expect(page.locator("#corrections-panel")).to_be_hidden()
    saved = q.read_text(encoding="utf-8")
    assert "部署工作，请大家认真落实。" in saved and "标题: 回顾成效，坚定做好社会工作的信心决心\n" in saved
    # only those two answers changed in the file
    old, new = EXAMPLE.read_text(encoding="utf-8").splitlines(), saved.splitlines()
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new)) == 1


def test_export_asks_while_an_error_is_open_and_the_clerk_may_still_export(page, workbench, tmp_path):
    q = tmp_path / "讲话.yaml"
    shutil.copyfile(EXAMPLE, q)
    server = workbench(q)
    open_page(page, server)
    page.fill('[data-path="opening.attendees"]', "X市各街道和区直各单位负责同志参加会议。")
    expect(page.locator("#findings .msg.错误")).to_contain_text("X市")
    shot(page, "export-prompt.png")
    asked = []
    got = []
    page.on("download", lambda d: got.append(d))

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()
    page.once("dialog", refuse)
    page.click("#btn-docx")
    status_says(page, "没有下载")
    assert asked and "1 处错误" in asked[0] and "X市" in asked[0] and "仍要下载吗" in asked[0]
    page.wait_for_timeout(300)
    assert got == []
    page.once("dialog", lambda d: d.accept())
    with page.expect_download() as dl:
        page.click("#btn-docx")
    assert dl.value.suggested_filename == "在临江区社会工作会议上的讲话.docx"
    status_says(page, "定稿前请改好")


def test_format_lists_every_correction_by_line_with_a_preview(page, workbench, tmp_path):
    server = workbench()
    open_page(page, server)
    old = tmp_path / "手稿.txt"
    old.write_text("在全区工作会议上的讲话\n\n同志们:\n\n一、抓好重点工作。\n\n今天的会议很重要,大家要认真落实。\n",
                   encoding="utf-8")
    with page.expect_download() as dl:
        page.set_input_files("#file-format", str(old))
    assert dl.value.suggested_filename == "手稿（排版）.docx"
    panel = page.locator("#upload-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#upload-summary")).to_contain_text("改正 3 处")
    items = panel.locator("#upload-corrections li")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("第 3 行")
    expect(items.nth(0).locator(".before")).to_have_text("同志们:")
    expect(items.nth(0).locator(".after")).to_have_text("同志们：")
    expect(items.nth(1)).to_contain_text("独立标题删去末尾的标点")
    expect(items.nth(2)).to_contain_text("第 7 行")
    panel.locator("summary").click()
    expect(panel.locator("#upload-preview .k-title")).to_have_text("在全区工作会议上的讲话")
    shot(page, "format-corrections.png", panel)


def _download(page, tmp_path, click, name):
    """Do ``click`` (a function) and return the saved download, checking its name."""
    with page.expect_download() as dl:
        click()
    assert dl.value.suggested_filename == name
    got = tmp_path / ("下载-" + name)
    dl.value.save_as(got)
    return got


def test_review_an_uploaded_draft_as_annotated_fixed_and_tracked_copies(page, workbench, tmp_path):
    """审阅文稿: the clerk's .docx gives the annotated copy, the copy with corrections and the
    tracked-changes copy, each read back; the page lists the findings and the corrections."""
    import docx_fixtures as fx
    from test_serve_review import counts
    server = workbench()
    open_page(page, server)
    src = tmp_path / "讲话.docx"
    fx.clerk_speech(src)
    page.set_input_files("#file-review", str(src))
    panel = page.locator("#upload-panel")
    expect(panel.locator("#upload-actions")).to_be_visible()
    expect(panel.locator("#upload-name")).to_have_text("讲话.docx")

    got = counts(_download(page, tmp_path, lambda: page.click("#btn-annotate"), "讲话（批注）.docx"))
    findings = panel.locator("#upload-findings li")
    expect(findings.first).to_be_visible()
    n = findings.count()
    assert len(got["comments"]) == n >= 6 and got["ins"] == got["del"] == 0
    expect(panel.locator("#upload-summary")).to_contain_text(f"加批注 {n} 条")
    expect(panel.locator("#upload-corrections li")).to_have_count(0)
    expect(findings.filter(has_text="“的的”重复")).to_have_count(1)
    status_says(page, "批注稿已生成")
    shot(page, "review-annotate.png", panel)

    got = counts(_download(page, tmp_path, lambda: page.click("#btn-annotate-fix"), "讲话（批注）.docx"))
    assert got["ins"] and got["del"], got
    corrections = panel.locator("#upload-corrections li")
    expect(corrections.first).to_be_visible()
    expect(panel.locator("#upload-summary")).to_contain_text(f"改正 {corrections.count()} 处")
    expect(panel.locator("#upload-summary")).to_contain_text(f"其余问题加批注 {len(got['comments'])} 条")
    expect(corrections.filter(has_text="同志们:")).to_have_count(1)
    shot(page, "review-annotate-fix.png", panel)

    got = counts(_download(page, tmp_path, lambda: page.click("#btn-track"), "讲话（修订）.docx"))
    assert got["ins"] and got["del"] and not got["comments"], got
    expect(panel.locator("#upload-title")).to_have_text("修订稿：讲话.docx")
    expect(panel.locator("#upload-findings li")).to_have_count(0)
    expect(panel.locator("#upload-summary")).to_contain_text("每一处都是 Word 修订")
    assert panel.locator("#upload-corrections li").count() == corrections.count()
    panel.locator("summary").click()
    expect(panel.locator("#upload-preview .k-title")).to_contain_text("在全区社区服务工作推进会上的讲话")
    shot(page, "review-track.png", panel)


def test_compare_two_uploads_listing_figures_dates_names_first(page, workbench, tmp_path):
    """给文稿排版 of the second draft offers the comparison too; the first draft chosen beside it."""
    from test_compare import FIRST, SECOND
    from test_serve_review import counts
    server = workbench()
    open_page(page, server)
    first, second = tmp_path / "一稿.txt", tmp_path / "二稿.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    _download(page, tmp_path, lambda: page.set_input_files("#file-format", str(second)), "二稿（排版）.docx")
    panel = page.locator("#upload-panel")
    expect(panel.locator("#upload-name")).to_have_text("二稿.md")
    page.select_option("#compare-role", "second")
    got = counts(_download(page, tmp_path, lambda: page.set_input_files("#file-compare", str(first)),
                           "一稿→二稿（对照）.docx"))
    assert got["ins"] and got["del"], got
    expect(panel.locator("#upload-title")).to_have_text("两稿对照：一稿.txt → 二稿.md")
    changes = panel.locator("#upload-changes li")
    expect(changes.first).to_contain_text("12个→15个")
    expect(changes.first.locator(".kind")).to_have_text("数字")
    kinds = changes.locator(".kind").all_inner_texts()
    leader = [k for k in kinds if k in ("数字", "日期", "名称", "提法")]
    assert kinds[:len(leader)] == leader and len(leader) >= 3, kinds
    assert any(k.endswith("段落") for k in kinds), kinds
    expect(panel.locator("#upload-summary")).to_contain_text("接受全部修订即为二稿")
    status_says(page, "已对照两稿")
    shot(page, "review-compare.png", panel)


def test_review_buttons_a_file_cannot_use_are_disabled_with_the_reason(page, workbench, tmp_path):
    server = workbench()
    open_page(page, server)
    old = tmp_path / "旧稿.doc"
    old.write_bytes(b"not read: the page only looks at the name")
    page.set_input_files("#file-review", str(old))
    expect(page.locator("#btn-annotate")).to_be_disabled()
    expect(page.locator("#btn-annotate-fix")).to_be_disabled()
    expect(page.locator("#btn-track")).to_be_enabled()
    assert "可以处理的文件：.docx、.txt" in page.get_attribute("#btn-annotate", "title")
    # the reason is on the page, not only in a tooltip
    expect(page.locator("#upload-refused")).to_contain_text("不能生成批注稿、批注＋改正稿")
    expect(page.locator("#upload-refused")).to_contain_text("另存为 .docx")
    # a file no button takes: the page says so, and what to choose instead, instead of "请选择"
    photo = tmp_path / "照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    page.set_input_files("#file-review", str(photo))
    expect(page.locator("#btn-track")).to_be_disabled()
    expect(page.locator("#upload-refused")).to_contain_text("审阅文稿不能处理")
    expect(page.locator("#status.error")).to_contain_text("请点“审阅文稿…”另选")
    expect(page.locator("#upload-summary")).to_be_empty()
    # a .docx afterwards: every button back, no reason left over
    good = tmp_path / "讲话.txt"
    good.write_text("同志们：\n今天开会，部署工作。\n", encoding="utf-8")
    page.set_input_files("#file-review", str(good))
    expect(page.locator("#btn-annotate")).to_be_enabled()
    expect(page.locator("#upload-refused")).to_be_empty()
    status_says(page, "请在右边选择要生成的文稿")


def test_the_status_line_stays_in_sight_and_the_side_pane_below_it(page, workbench):
    server = workbench()
    open_page(page, server, outline="meeting")        # the pack's longer labels can wrap the bar
    page.set_viewport_size({"width": 1000, "height": 700})
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(200)
    box = page.locator("#status").bounding_box()
    assert box is not None and 0 <= box["y"] < 700, box
    top = page.locator("#top").bounding_box()
    side = page.locator("#side-pane").bounding_box()
    assert side["y"] >= top["y"] + top["height"] - 1, (top, side)
