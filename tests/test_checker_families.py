"""The false-alarm families seen on published texts, each in a text of our own: correct writing
that must raise nothing, next to the flaw of the same shape that must still be found."""
from drafter.checker import check_draft
from drafter.read.reader import draft_from_text

HEAD = "在全区社会工作会议上的讲话\n同志们：\n今天召开会议，研究部署社会工作。\n"


def found(text, rule=None):
    fs = check_draft(draft_from_text(HEAD + text))
    return [(f.line, f.rule_id) for f in fs if rule is None or f.rule_id == rule]


def test_glossary_entries_short_and_long_are_one_numbered_list():
    entries = ["1.“两新”：新型社区服务站和新型网格，短的一条。",
               "2.社工站：镇街社会工作服务站的简称，设在党群服务中心内，由专业社工驻站开展服务，"
               "今年全区实现全覆盖，服务对象包括老年人、儿童和困难群众。",
               "3.“一站一品”：每个社工站打造一个特色服务项目。"]
    assert found("附件 名词解释\n" + "\n".join(entries) + "\n") == []
    skipped = "\n".join(entries[:1] + [entries[2].replace("3.", "4.")])
    assert found("附件 名词解释\n" + skipped + "\n", "numbering") == [(6, "numbering")]


def test_numbers_inside_names_ordinals_grades_and_idioms_are_not_counts():
    for sentence in ("党的十九大以来，全区社会工作不断加强。",
                     "全区二、三级医院都设立了社工岗位。",
                     "我们要举全区之力、聚四方之才，办好这件大事。",
                     "坚持和平共处五项原则开展交流。",
                     "按照分三步走的安排推进。",
                     "永宁村、石桥村入选全国十大美丽乡村。",
                     "治理沙化土地、五大沙漠、重点风沙口。"):
        assert found(sentence + "\n", "count-mismatch") == [], sentence
    # 四级 here counts 市县乡 and 村（社区）: a list two items off is not the list counted
    assert found("构建市、县、乡三级服务网络，延伸到村、社区四级。\n", "count-list") == []
    assert found("构建市、县、乡四级服务网络。\n", "count-list") == [(4, "count-list")]


def test_chinese_numeral_years_in_the_body_are_not_document_dates():
    assert found("到二〇三五年，全区基本建成现代社会工作体系。\n") == []
    text = "全区社会工作要再上新台阶。\n（二〇二五年三月六日）\n"
    assert found(text, "date-format") == [(5, "date-format")]


def test_reduplication_and_words_meeting_at_a_boundary():
    for sentence in ("群众盼了太多太多年。", "走着走着，路就宽了。", "全区建成博士博士后创新平台。",
                     "主动融入成都都市圈建设。"):
        assert found(sentence + "\n") == [], sentence
    assert found("我们要要加强领导。\n", "repeated-text") == []      # 要 is not a function word here
    assert found("各部门要不不断完善机制。\n", "repeated-text") == [(4, "repeated-text")]


def test_heading_full_stops_as_a_house_style_are_not_reported():
    style = "".join(f"（{n}）把第{k}项工作抓实抓细。\n内容很多。\n" for n, k in zip("一二三四", "一二三四"))
    assert found("一、部署任务\n" + style, "heading-end-punct") == []
    slip = style.replace("抓实抓细。", "抓实抓细", 3)
    assert found("一、部署任务\n" + slip, "heading-end-punct") == [(11, "heading-end-punct")]


def test_em_space_indents_are_read_as_numbered():
    text = ("\u2003\u2003一、抓党建\n\u2003\u2003内容很多。\n\u2003\u2003二、抓服务\n\u2003\u2003内容很多。\n"
            "\u2003\u2003（一）建强组织\n\u2003\u2003内容很多。\n\u2003\u2003（二）扩大覆盖\n\u2003\u2003内容很多。\n")
    assert found(text) == []
    assert found(text.replace("（二）", "（三）"), "numbering") == [(10, "numbering")]


def test_an_outline_page_before_the_speech():
    outline = ("提纲\n一、抓党建\n（一）建强组织\n一是选好书记\n二是配强班子\n（二）扩大覆盖\n"
               "二、抓服务\n（一）下沉资源\n（二）优化流程\n")
    body = ("一、抓党建\n（一）建强组织\n内容很多。\n（二）扩大覆盖\n内容很多。\n"
            "二、抓服务\n（一）下沉资源\n内容很多。\n（二）优化流程\n内容很多。\n")
    assert found(outline + body) == []


def test_heading_parallel_compares_like_with_like():
    text = ("一、2025年工作回顾\n内容很多。\n二、2026年经济社会发展的总体要求和政策取向\n内容很多。\n"
            "三、2026年重点工作\n内容很多。\n")
    assert found(text, "heading-parallel") == []


def test_a_count_announced_in_the_opening_is_matched_against_the_parts():
    body = "一、抓党建\n内容很多。\n二、抓服务\n内容很多。\n三、抓队伍\n内容很多。\n四、抓安全\n内容很多。\n"
    bad = "这次会议的任务是总结去年工作，部署今年三项重点任务。\n大家要认真领会。\n" + body
    assert found(bad, "count-mismatch") == [(4, "count-mismatch")]
    assert found(bad.replace("三项", "四项"), "count-mismatch") == []


def test_formulas_of_the_field_are_not_repetitions():
    for sentence in ("要构建共建共治共享的基层治理格局。", "推行高校一校一策、村村一村一品。",
                     "把好传统一棒一棒传下去。", "坚持边学边查边改。"):
        assert found(sentence + "\n", "repeated-text") == [], sentence
    assert found("要构建共建共建共享的格局。\n", "repeated-text") == [(4, "repeated-text")]


def test_a_glossary_entry_whose_text_starts_with_a_digit_keeps_its_number():
    entries = ["附件 名词解释", "1.“两新”：新经济组织和新社会组织的简称。", "2.3个试点街道：今年确定的街道。",
               "3.社工站：镇街社会工作服务站的简称。"]
    assert found("\n".join(entries) + "\n", "numbering") == []
    gap = [entries[0], entries[1], "说明：以下各条按笔画排列。", entries[3]]
    assert found("\n".join(gap) + "\n", "numbering") == [(7, "numbering")]


def test_reduplications_and_shared_characters_are_not_repetitions():
    for sentence in ("心里要亮堂亮堂的。", "一个站点一个站点地抓落实。", "队伍越干越有劲、越战越勇。",
                     "深化调解和维权和维稳工作衔接。"):
        assert found(sentence + "\n", "repeated-text") == [], sentence
    assert found("要推动推动社会工作。\n", "repeated-text") == [(4, "repeated-text")]


def test_items_right_after_the_count_are_its_parts():
    text = ("重点抓好三个方面。一是稳就业。二是强服务。三是守底线。\n"
            "一、抓党建\n内容很多。\n二、抓服务\n内容很多。\n三、抓队伍\n内容很多。\n四、抓安全\n内容很多。\n")
    assert found(text, "count-mismatch") == []
    assert found(text.replace("三是守底线。", ""), "count-mismatch") == [(4, "count-mismatch")]


def test_a_meeting_with_listed_others_counts_the_speaker():
    assert found("我同甲省、乙省、丙省代表举行了四方会谈。\n", "count-list") == []
    assert found("邀请甲省、乙省、丙省代表参加四方会谈。\n", "count-list") == []
    assert found("统筹甲区、乙区、丙区四方力量。\n", "count-list") == [(4, "count-list")]


def test_a_credit_in_brackets_sets_any_role_apart_from_its_names():
    """（本网记者 X 实习生 Y）: the role is any compound ending in a role word, and a credit may
    hold several role–names groups; a bracket that is not a credit keeps its stray space."""
    def spaces(lead):
        return [f for f in check_draft(draft_from_text("全市首个驿站启用\n" + lead + "\n"))
                if f.rule_id == "space-in-chinese"]
    for credit in ("（本网记者 张丽 实习生 王可）", "（融媒体记者 刘一鸣 通讯员 陈晓 赵力）",
                   "（全媒体记者 周航）", "（记者 周航 摄影 孙明）"):
        assert spaces(f"本网讯{credit}8月1日，全市首个新就业群体驿站启用。") == [], credit
    assert len(spaces("驿站启用后（全文 见附件）反响良好。")) == 1
    assert len(spaces("驿站启用后（记者 周航 等 人员）反响良好。")) == 3


def test_a_text_that_stops_right_after_a_part_opened_gets_hints_not_errors():
    """An excerpt cut inside part 一 (or a draft still being written) lacks the parts it announced
    and has a lone （一）; the checker cannot tell it from a finished text that lacks them, so
    it says so in a 提示. With the later parts written, the same slips are 错误 and 警告 again."""
    opening = "下面，我讲三点意见。\n一、提高认识\n认识要到位，行动才能到位。\n（一）看清形势。形势在变，任务在变。\n"
    fs = check_draft(draft_from_text(HEAD + opening))
    hints = {(f.rule_id, f.severity) for f in fs if f.rule_id in ("count-mismatch", "lone-subheading")}
    assert hints == {("count-mismatch", "提示"), ("lone-subheading", "提示")}
    assert all("可能是节选或尚未写完" in f.message for f in fs if f.rule_id in ("count-mismatch", "lone-subheading"))
    finished = opening + "工作要一件一件抓。\n各部门要主动作为。\n各级领导要带头。\n二、压实责任\n责任要落实到人。\n"
    fs = check_draft(draft_from_text(HEAD + finished))
    assert {(f.rule_id, f.severity) for f in fs if f.rule_id in ("count-mismatch", "lone-subheading")} == {
        ("count-mismatch", "错误"), ("lone-subheading", "警告")}
    # only part 一, however long, and no closing: cut or unfinished; with a closing it is finished
    long_first = opening + "工作要一件一件抓。\n各部门要主动作为。\n各级领导要带头。\n"
    fs = check_draft(draft_from_text(HEAD + long_first))
    assert [f.severity for f in fs if f.rule_id == "count-mismatch"] == ["提示"]
    fs = check_draft(draft_from_text(HEAD + long_first + "同志们，让我们共同努力！\n谢谢大家！\n"))
    assert [f.severity for f in fs if f.rule_id == "count-mismatch"] == ["错误"]


def test_a_part_heading_or_a_salutation_run_into_the_body():
    """一、 and 同志们： stand on their own lines; run into the body, the line break was lost."""
    def rules(text):
        return [(f.line, f.rule_id) for f in check_draft(draft_from_text(text))
                if f.rule_id in ("heading-joined", "salutation-joined")]
    title = "在全区社会工作会议上的讲话\n"
    joined = title + ("同志们：今天召开会议，研究部署社会工作。\n一、提高认识，把握服务群众的方向服务群众是每个党组织的"
                      "基本职责，关系基层治理全局，关系群众切身利益。各级党组织要把这项工作放在心上、抓在手上。\n各部门要主动作为。\n")
    assert rules(joined) == [(2, "salutation-joined"), (3, "heading-joined")]
    apart = title + ("同志们：\n今天召开会议，研究部署社会工作。\n一、提高认识，把握服务群众的方向\n服务群众是每个党组织的"
                     "基本职责，关系基层治理全局。\n（一）看清形势。社会工作的对象、任务和方法都在变化，我们要主动适应，"
                     "抓住机遇，迎接挑战。\n")
    assert rules(apart) == []
