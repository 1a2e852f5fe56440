"""Fixtures for the LibreOffice tests: a hand-built speech, one soffice call per session.

Import what you use into the test module (tests/conftest.py belongs to the whole suite):
``from conftest_pdf import layout_pdfs, sample_speech  # noqa: F401``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from drafter.draft import (BYLINE, CLOSING, HEADING, ITEM, KICKER, LEAD, PARA, SALUTATION, SIGNOFF, SUBTITLE, TITLE,
                           Block, Draft, Run, block, head_run)

ROOT = Path(__file__).resolve().parent.parent


def sample_speech(title: str = "在全区社会工作暨基层治理现代化推进会议上的讲话") -> Draft:
    """A district leader's meeting speech: results, problems, tasks; long enough for 4 pages."""
    b: List[Block] = [
        block(TITLE, title),
        block(BYLINE, "区委副书记　李明远"),
        block(BYLINE, "（2025年3月18日）"),
        block(SALUTATION, "同志们："),
        block(PARA, "今天召开全区社会工作暨基层治理现代化推进会议，主要任务是总结去年以来全区社会工作取得的成效，"
                    "分析当前面临的形势和问题，部署今年的重点任务。刚才，三个街道和两个部门作了交流发言，讲得都很实在，"
                    "既有做法也有思考，我都同意。下面，我讲三点意见。"),
        Block(HEADING, (Run("一、回顾工作成效，坚定做好社会工作的信心"),), level=1),
        Block(HEADING, (Run("（一）党建引领基层治理的机制更加健全"),), level=2),
        block(PARA, "去年以来，全区上下把党建引领贯穿基层治理全过程，建立了区、街道、社区三级联动的议事协调机制，"
                    "全年召开联席会议四十余次，协调解决老旧小区加装电梯、背街小巷停车难等群众关心的问题一百二十多件。"
                    "以东湖街道为例，街道党工委牵头组建社区治理委员会，把物业企业、业主委员会和驻区单位拢到一张桌上商量事，"
                    "矛盾纠纷就地化解率提高到百分之九十以上。"),
        Block(PARA, (Run("二是志愿服务体系更加完善。", ITEM),
                     Run("全区注册志愿者达到八万六千余人，比上年增长百分之十八，建成新时代文明实践站点二百一十个，"
                         "形成了助老、助学、助残等十二个品牌项目。各社区普遍建立了志愿服务积分兑换制度，"
                         "群众参与的积极性明显提高，许多退休干部、教师和医生主动报名，成为社区里的骨干力量。"))),
        Block(HEADING, (Run("（二）新兴领域党建工作实现新突破"),), level=2),
        block(PARA, "我们把快递员、外卖送餐员、网约车司机等新就业群体作为工作重点，在商圈、楼宇和产业园区建成"
                    "暖心驿站六十八个，为他们提供歇脚、充电、饮水和法律咨询等服务。全区规模以上民营企业党组织覆盖率"
                    "达到百分之九十五，行业协会商会党建工作实现应建尽建。这些成绩的取得，是全区各级党组织和广大社会工作者"
                    "共同努力的结果。在此，我代表区委，向大家表示衷心的感谢！"),
        Block(HEADING, (Run("二、正视问题短板，增强做好社会工作的紧迫感"),), level=1),
        block(PARA, "在看到成绩的同时，我们也要清醒地认识到，全区社会工作与上级要求和群众期盼相比，还存在不少差距，"
                    "主要表现在以下几个方面。"),
        Block(PARA, (Run("一是统筹协调还不够有力。", ITEM),
                     Run("有的部门对社会工作部门的职能定位认识不清，遇到跨部门的事情仍然习惯于各管一段，"
                         "工作合力尚未真正形成。"),
                     Run("二是基层力量还比较薄弱。", ITEM),
                     Run("部分社区工作者身兼数职，日常事务性工作占去大量精力，走访群众、研究问题的时间偏少，"
                         "年轻社区工作者流失较多。"),
                     Run("三是服务质量还有待提升。", ITEM),
                     Run("一些志愿服务项目重形式、轻实效，活动搞得热闹，但群众获得感不强，长效机制还没有建立起来。"))),
        block(PARA, "对这些问题，我们必须高度重视，拿出有力措施切实加以解决，决不能让问题积累成风险。"
                    "各街道、各部门要对照查找本单位存在的差距，列出问题清单，明确整改时限，一项一项抓好落实，"
                    "年底前区委将组织专项督查，督查结果纳入年度目标管理考核。"),
        Block(HEADING, (Run("三、突出工作重点，推动社会工作高质量发展"),), level=1),
        Block(PARA, (head_run("（一）着力健全统筹协调机制。", 2),
                     Run("要进一步理顺区、街道、社区三级社会工作职责，制定职责清单，明确哪些事情由谁牵头、"
                         "谁配合、什么时间完成。区委社会工作部要切实履行牵头抓总职责，每季度召开一次联席会议，"
                         "定期研究解决跨部门、跨领域的重点难点问题，推动各项任务落地见效。"))),
        Block(PARA, (head_run("（二）着力加强社区工作者队伍建设。", 2),
                     Run("要严格落实社区工作者职业体系建设要求，完善岗位等级序列和薪酬待遇正常增长机制，"
                         "让社区工作者干得安心、留得下来。"),
                     Run("一是抓好教育培训。", ITEM),
                     Run("今年要对全区社区工作者开展一轮全员轮训，每人每年参加集中培训不少于四十学时。"),
                     Run("二是拓宽发展空间。", ITEM),
                     Run("注重从优秀社区党组织书记中选拔街道领导干部，真正把干得好的人用起来。"),
                     Run("三是减轻工作负担。", ITEM),
                     Run("全面清理社区挂牌、台账和考核事项，能合并的坚决合并，能取消的坚决取消。"))),
        Block(HEADING, (Run("（三）着力提升志愿服务水平"),), level=2),
        Block(PARA, (head_run("1.完善志愿服务激励机制。", 3),
                     Run("推广志愿服务积分兑换、星级认定等做法，让志愿者的付出得到应有的尊重和回报。"
                         "各社区要建立志愿者需求台账，做到群众点单、社区派单、志愿者接单，提高服务的精准性。"))),
        Block(PARA, (head_run("2.打造志愿服务品牌项目。", 3),
                     Run("每个街道至少培育一个特色鲜明、群众认可的品牌项目，年底前组织一次全区志愿服务项目大赛，"
                         "择优给予资金扶持，以点带面推动志愿服务提质增效。"))),
        Block(HEADING, (Run("四、加强组织领导，确保各项任务落到实处"),), level=1),
        block(PARA, "各级党组织要把社会工作摆上重要议事日程，主要负责同志要亲自研究部署、亲自协调推动。"
                    "要建立健全工作责任制，把目标任务分解到单位、落实到个人，形成一级抓一级、层层抓落实的工作格局。"
                    "要加大经费保障力度，区财政每年安排专项资金用于社区治理和志愿服务，确保各项工作有人干事、有钱办事。"
                    "要加强宣传引导，及时总结推广基层的好经验、好做法，讲好社会工作的生动故事，营造全社会关心支持"
                    "社会工作的良好氛围。"),
        block(PARA, "同志们，做好新时代社会工作使命光荣、责任重大。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
                    "坚定信心、真抓实干，奋力开创全区社会工作新局面，为建设人民满意的幸福城区作出新的更大贡献！"),
        block(CLOSING, "谢谢大家！"),
    ]
    return Draft(blocks=b, outline_id="hand-built")


# Body text for page_foot_draft: a sentence of our own without inner punctuation, so that no
# closing mark moves a character on and every paragraph takes exactly the lines it is cut for.
_FILLER = "各单位要把责任落实到岗位和人员并按季度报送进展年底前逐项对账销号"


def _filler(lines: int) -> str:
    chars = 28 * lines - 2          # the first line is indented two characters
    return (_FILLER * (chars // len(_FILLER) + 1))[:chars - 1] + "。"


def page_foot_draft(units: int = 22) -> Draft:
    """A draft built to put every kind that keeps with the next block (headings of each level,
    引题, title, subtitle, byline, lead, salutation, a 落款 unit line) at the foot of a page, were it not
    kept: each comes ``units`` times, a few lines after the last, so that without the keep rules it
    falls on the last line of some page (test_pdf_text checks that it does, in page-foot-unkept)."""
    kept = [Block(HEADING, (Run(f"{n}级标题推动工作落地见效"),), level=n) for n in range(1, 5)]
    kept += [block(KICKER, "全区社会工作推进会议召开"), block(TITLE, "在全区工作推进会上的讲话"),
             block(SUBTITLE, "——在专题会议上的发言"),
             block(BYLINE, "区委书记　王明"), block(LEAD, "（原载《社区工作》2025年第3期）")]
    blocks: List[Block] = []
    for k in kept:
        for _ in range(units):
            blocks += [block(PARA, _filler(2)), k]
    for _ in range(units):          # with the blank line above it
        blocks += [block(PARA, _filler(1)), block(SALUTATION, "同志们：")]
    for _ in range(units):          # with the blank line above the 落款
        blocks += [block(PARA, _filler(3)), block(SIGNOFF, "中共临江区委社会工作部"), block(SIGNOFF, "2025年3月18日")]
    blocks.append(block(PARA, _filler(3)))
    return Draft(blocks=blocks, outline_id="hand-built")


def _examples() -> List[Path]:
    return sorted((ROOT / "examples").glob("*.yaml"))


def format_sources() -> Dict[str, Path]:
    """Drafts drafter did not make, for the layout tests of ``drafter format``: the seed texts
    and the published corpus (read from ../shared/)."""
    shared = ROOT.parent / "shared"
    if not shared.is_dir() and os.environ.get("CI"):
        pytest.fail(f"{shared} is missing: CI has shared/ beside the checkout", pytrace=False)
    files = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus").glob("*.txt"))
    files += sorted((shared / "corpus" / "docx").glob("*.docx"))
    return {f"format-{p.stem}{'-docx' if p.suffix == '.docx' else ''}": p for p in files}


def _draft_from_file():
    """The lead's renderer entry point, once it exists."""
    try:
        from drafter.api import draft_from_file
    except ImportError:
        return None
    return draft_from_file


def require_soffice() -> str:
    """The soffice path; in CI a missing LibreOffice fails the suite instead of skipping."""
    from drafter.soffice import find_soffice

    soffice = find_soffice()
    if soffice is None:
        message = "LibreOffice (soffice) is not installed: run `make system-deps` as root"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return soffice


@dataclass
class Rendered:
    docx: Path
    pdf: Path
    profile: object
    draft: Draft


def _reference_docx(folder: Path) -> Path:
    """A unit's template: our own output with a 17 pt body, 30 mm left and 25 mm top margins, and
    Word's 允许标点溢出边界 (w:overflowPunct) switched off, as some units do."""
    import docx as python_docx
    from docx.shared import Mm, Pt

    from drafter.write import _oxml as ox
    from drafter.write.docx import write_docx

    base = folder / "reference-base.docx"
    write_docx(sample_speech(), base)
    document = python_docx.Document(str(base))
    for style in document.styles:
        if style.name == "文稿正文":
            style.font.size = Pt(17)
            ox.put(style.element.get_or_add_pPr(), ox.el("overflowPunct", val="0"), ox.PPR_ORDER)
    defaults = document.styles.element.find(f"{ox.qn('w:docDefaults')}/{ox.qn('w:pPrDefault')}/{ox.W_PPR}")
    ox.put(defaults, ox.el("overflowPunct", val="0"), ox.PPR_ORDER)
    section = document.sections[0]
    section.left_margin = Mm(30)
    section.top_margin = Mm(25)
    ref = folder / "本单位模板.docx"
    document.save(str(ref))
    return ref


def _unkept_profile(folder: Path) -> Path:
    """gbt9704 with every keep rule off: what page_foot_draft would look like without them."""
    from drafter.profile.model import STYLE_KEYS

    path = folder / "unkept.yaml"
    lines = ["base: gbt9704", "styles:"]
    lines += [f"  {key}: {{keep_with_next: false, widow_control: false}}" for key in STYLE_KEYS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def layout_pdfs(tmp_path_factory) -> Dict[str, Rendered]:
    """Every layout case rendered to .docx and converted to PDF in one LibreOffice call.

    Keys: "gbt9704", "podium", "reference", "page-foot" and "page-foot-unkept" (page_foot_draft
    with and without the keep rules), "format-<name>" for each shared text, and
    "example-<name>" and "podium-example-<name>" for each examples/*.yaml when
    drafter.api.draft_from_file exists.
    """
    require_soffice()
    from drafter.write.docx import write_docx
    from drafter.write.pdf import convert_many
    from drafter.profile.load import load_profile

    folder = tmp_path_factory.mktemp("layout")
    cases: Dict[str, tuple] = {
        "gbt9704": (sample_speech(), load_profile(), None),
        "podium": (sample_speech(), load_profile("podium"), None),
        "reference": (sample_speech(), load_profile(), _reference_docx(folder)),
        "page-foot": (page_foot_draft(), load_profile(), None),
        "page-foot-unkept": (page_foot_draft(), load_profile(_unkept_profile(folder)), None),
    }
    broken: Dict[str, str] = {}
    from drafter.typeset import format_file
    for name, path in format_sources().items():
        try:
            cases[name] = (format_file(path).draft, load_profile(), None)
        except Exception as e:  # noqa: BLE001
            broken[name] = f"{type(e).__name__}: {e}"
    draft_from_file = _draft_from_file()
    if draft_from_file is not None:
        for path in _examples():
            try:        # one broken example must not take the other layout tests down
                draft = draft_from_file(path)
                cases[f"example-{path.stem}"] = (draft, load_profile(), None)
                cases[f"podium-example-{path.stem}"] = (draft, load_profile("podium"), None)
            except Exception as e:  # noqa: BLE001
                for name in (f"example-{path.stem}", f"podium-example-{path.stem}"):
                    broken[name] = f"{type(e).__name__}: {e}"
    rendered: Dict[str, Rendered] = {}
    for name, (draft, profile, ref) in cases.items():
        out = folder / f"{name}.docx"
        write_docx(draft, out, profile, reference_docx=ref)
        rendered[name] = Rendered(out, folder / f"{name}.pdf", profile, draft)
    convert_many([r.docx for r in rendered.values()], folder)
    return _Layout(rendered, broken)


class _Layout(dict):
    """Rendered cases by name; a broken example fails its own tests only."""

    def __init__(self, rendered: Dict[str, Rendered], broken: Dict[str, str]) -> None:
        super().__init__(rendered)
        self.broken = broken

    def __missing__(self, name: str):
        if name in self.broken:
            pytest.fail(f"{name} could not be rendered: {self.broken[name]}", pytrace=False)
        raise KeyError(name)


def example_names() -> List[str]:
    """Parametrize ids for the examples in both profiles (empty until the renderer and examples exist)."""
    if not _draft_from_file():
        return []
    return [f"{prefix}example-{p.stem}" for prefix in ("", "podium-") for p in _examples()]


@pytest.fixture(scope="session")
def pages(layout_pdfs) -> Dict[str, list]:
    """Each rendered case measured page by page (pdfmeasure.Page), once per session."""
    from pdfmeasure import measure

    out = _Pages(layout_pdfs)
    for name, r in layout_pdfs.items():
        top = 25 if name == "reference" else r.profile.margin_top.mm     # the template's own margin
        out[name] = measure(r.pdf, top, r.profile.margin_bottom.mm)
    return out


class _Pages(dict):
    def __init__(self, layout) -> None:
        super().__init__()
        self.layout = layout

    def __missing__(self, name: str):
        return self.layout[name]       # fails the test when that example could not be rendered


def find_case(layout: Dict[str, Rendered], name: str) -> Optional[Rendered]:
    return layout.get(name)
