"""Copies from the web: what a 范文 site adds to a speech, and the lines it glues together.

Many clerks start from a speech copied off a 范文 site. The copy carries the site's own words —
buttons (正文复制, 收藏《…》, 下载本文), notices ((未完，全文共3562字), ……（…网省略615字…）……),
a line of page data (发布时间：… 字数：… 浏览：…) — and lines the site ran together (the title,
同志们： and the first sentence on one line; a 一、 heading and its first sentence; a whole signed
article whose paragraphs the site joined with spaces).

``furniture_line`` and ``furniture_spans`` name the site's words as a family (a line made only of
the site's button words, a notice in brackets about 全文/省略/未完 and a count of 字, a line of page
data), never a list of sites; the readers mark them, and ``drafter.transforms`` leaves them out and
lists each. ``split_glued`` splits a line where a title, a salutation, a heading or a paragraph
visibly starts, and says where.
"""
from __future__ import annotations

import re
from typing import List, Tuple

from drafter.lazy_re import lazy_re
from drafter.zh.cjk import is_cjk

# The words of a site's buttons and links. A line made of these alone (with spaces, |, /, ·
# between them) is the site's, not the speech's.
_BUTTONS = ("正文复制", "复制全文", "全文复制", "复制本文", "一键复制", "复制", "下载本文", "下载全文", "下载文档",
            "下载word", "下载Word", "下载WORD", "立即下载", "免费下载", "下载", "收藏本文", "加入收藏", "收藏",
            "点赞", "分享到", "分享", "打印本页", "打印本文", "打印", "关闭窗口", "关闭", "返回顶部", "返回目录",
            "返回首页", "返回列表", "返回", "举报", "纠错", "我要纠错", "评论", "查看更多", "更多", "展开全文",
            "阅读全文", "查看全文", "全文阅读", "登录", "注册", "开通会员", "会员专享", "VIP", "vip", "首页",
            "字号", "大", "中", "小", "默认", "微信", "微博", "QQ空间", "朋友圈", "相关推荐", "相关文章",
            "热门推荐", "推荐阅读", "猜你喜欢", "精选范文", "热门范文")
_SEPARATORS = r"[\s|｜/／·•>＞\-—_、，,:：]*"
_BUTTON_LINE = lazy_re("^" + _SEPARATORS + "(?:(?:" + "|".join(sorted(map(re.escape, _BUTTONS), key=len, reverse=True))
                          + ")" + _SEPARATORS + ")+$")
# 收藏《在……上的讲话》, 下载《……》.doc: a button named after the page's title.
_NAMED_BUTTON = lazy_re(r"^(?:收藏|下载|分享|打印|复制)\s*《[^》]{1,80}》(?:\s*[.．]?(?:docx?|pdf|wps))?\s*$", re.I)
# A notice about the page: (未完，全文共3562字，余下内容请登录后阅读), ……（……网省略615字……）……,
# （此处省略……字）, 【全文共……字】.
# Either in brackets or between ellipses (……此处隐藏2356个字……); a title's （精选3篇） too.
_NOTICE_WORDS = (r"(?:省略|隐藏|未完|全文共|全文约|共\d+字|仅显示|剩余|余下|试读|免费阅读|请下载|下载后|登录后|开通会员|"
                 r"精选\d*篇|\d+篇|通用范文|范文)")
NOTICE_PATTERN = (r"(?:……|\.{3,}|…)?\s*[（(【\[][^（）()【】\[\]\n]{0,40}" + _NOTICE_WORDS
                  + r"[^（）()【】\[\]\n]{0,60}[）)】\]]\s*(?:……|\.{3,}|…)?"
                  r"|(?:……|\.{3,}|…)[^…。！？\n]{0,12}(?:此处|以下|后面|剩余)?(?:省略|隐藏)[^…。！？\n]{0,20}字[^…。！？\n]{0,6}"
                  r"(?:……|\.{3,}|…)")
NOTICE = lazy_re(NOTICE_PATTERN, needs=("省略", "隐藏", "未完", "全文", "字", "显示", "剩余", "余下", "试读", "阅读", "下载",
                                       "登录", "会员", "篇", "范文"))
_NOTICE = NOTICE
_NOTICE_NEEDS_COUNT = lazy_re(r"\d+\s*(?:个)?字|全文|未完|省略|隐藏|\d+篇|精选|范文")


def furniture_notice(text: str) -> bool:
    """A stretch matched by NOTICE_PATTERN is a site's notice (it speaks of 字, 全文, 未完, 省略,
    篇 or 范文), not an aside of the speech."""
    return bool(_NOTICE_NEEDS_COUNT.search(text))
# A line of page data: 发布时间：2024-03-05  字数：3562  浏览：128. Two such fields make a line of
# page data; one of the fields only a page has (字数, 浏览, 阅读量 …) does too.
_FIELD = lazy_re(r"(发布时间|发表时间|更新时间|上传时间|时间|日期|字数|全文字数|阅读|阅读量|阅读数|浏览|浏览量|浏览次数|"
                 r"点击|点击量|点击数|人气|热度|下载次数|下载量|栏目|所属栏目|分类|所属分类|作者|来源|编辑|"
                 r"责任编辑|页数|文档页数|格式|文件格式|大小|文件大小)\s*[:：]\s*\S"
                 r"|(字数|阅读|阅读量|浏览|浏览量|点击|点击量|人气|热度|下载次数)\s+\d+")
# A line of a site's fields run together with | (领导讲话稿 | 2025-02-11 | 阅读 1203): a date or a
# count among three or more short pieces.
_PIPED = lazy_re(r"^[^|｜]{1,20}(?:\s*[|｜]\s*[^|｜]{1,20}){2,}$")
_PIPED_FIELD = lazy_re(r"\d{4}[-/.年]\d{1,2}|(?:阅读|浏览|点击|字数|热度|评论)\s*[:：]?\s*\d+")
_PAGE_ONLY = {"字数", "全文字数", "阅读量", "阅读数", "浏览", "浏览量", "浏览次数", "点击", "点击量", "点击数", "人气",
              "热度", "下载次数", "下载量", "页数", "文档页数", "格式", "文件格式", "大小", "文件大小", "发布时间",
              "更新时间", "上传时间", "所属栏目", "所属分类"}
# Lines a site puts around what it serves: the neighbours' links, its claims and calls.
_SITE_LINE = lazy_re(
    r"^(?:上一篇|下一篇|上一页|下一页|相关(?:范文|文章|推荐|阅读)|推荐(?:范文|阅读)|热门(?:范文|文章|推荐)|"
    r"原文(?:链接|地址|网址)|本文(?:链接|地址|网址)|文章(?:链接|来源网址))\s*[:：]?"
    r"|^(?:本文|此文|该文|本篇|文章)(?:由|系|来自|来源于)[^。]{0,30}(?:整理|提供|发布|上传|收集|投稿)"
    r"|^(?:版权(?:声明|所有|归)|免责声明|温馨提示|特别提示|友情提示|下载提示|阅读提示|使用说明|特别说明)\s*[:：]?"
    r"[^。]{0,80}(?:下载|会员|登录|付费|版权|侵权|删除|本站|本网|网站|仅供参考|仅供学习|转载|上传)"
    r"|^(?:扫(?:一扫|码)|关注(?:公众号|我们|微信)|点击(?:这里|此处|下载|查看|阅读|关注))"
    r"|^(?:第\s*\d+\s*页\s*[/／]?\s*(?:共\s*\d+\s*页)?|共\s*\d+\s*页)\s*$"
    # where the page sits (当前位置：首页 > 讲话稿), what the site says of itself and of the text
    r"|^(?:当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]"
    r"|^[^。！？]{0,40}(?:>|»|＞)[^。！？]{0,20}(?:>|»|＞)"
    r"|^(?:本文|全文|文章)(?:共计?|约|字数)\s*[:：]?\s*\d+\s*字"
    r"|^更多(?:相关|精彩|优秀|同类)?(?:范文|文章|内容|资料|讲话稿)"
    r"|^[^。]{0,30}(?:来源于网络|来自网络|转自网络)"
    r"|^[^。]{0,40}(?:版权归[^。]{0,10}所有|侵权[^。]{0,10}删除|请联系(?:我们|本站|管理员)删除)"
    r"|^(?:以上|本文|此文)(?:内容|范文|文章)?(?:仅供参考|仅供学习)")
SITE_LINE_MAX = 120          # a site's line is short; a longer one is the speech's, whatever it says


def furniture_line(text: str) -> bool:
    """The whole line is the site's: buttons, a notice, page data, a neighbour's link, a claim."""
    t = text.strip()
    if not t or len(t) > SITE_LINE_MAX:
        return False
    if _BUTTON_LINE.match(t) or _NAMED_BUTTON.match(t) or _SITE_LINE.match(t):
        return True
    spans = furniture_spans(t)
    if spans and "".join(t[a:b] for a, b in spans).strip() == t:
        return True
    if _PIPED.match(t) and (_PIPED_FIELD.search(t) or _menu(t)):
        return True
    fields = [m.group(1) or m.group(2) for m in _FIELD.finditer(t)]
    return len(fields) >= 2 and _FIELD.match(t) is not None or (len(fields) == 1 and fields[0] in _PAGE_ONLY
                                                                  and _FIELD.match(t) is not None)


def _menu(text: str) -> bool:
    """A site's menu: four or more short words between | (首页 | 讲话稿 | 工作总结 | 心得体会)."""
    words = [w.strip() for w in re.split("[|｜]", text)]
    return len(words) >= 4 and all(0 < len(w) <= 6 and not any(c in w for c in "，。；：！？") for w in words)


def without_notices(text: str) -> str:
    """``text`` without a site's notices inside it (what stats counts of a copy read raw)."""
    return _NOTICE.sub(lambda m: "" if furniture_notice(m.group(0)) else m.group(0), text)


def furniture_spans(text: str) -> List[Tuple[int, int]]:
    """Stretches of a line that are a site's notice ((未完，全文共…字), ……（…省略615字…）……)."""
    return [(m.start(), m.end()) for m in _NOTICE.finditer(text) if furniture_notice(m.group(0))]


# -- lines glued together ----------------------------------------------------------------------
_TITLE_END = "(?:讲话|发言|致辞|讲稿|报告|汇报|贺词|贺信|主持词|发言提纲|讲话提纲|党课|演讲|说明)"
_SALUTE = (r"(?:尊敬的[^：:。！？\n]{1,60}|各位[^：:。！？\n]{1,30}|同志们|同学们|老师们|朋友们|女士们|先生们|"
           r"亲爱的[^：:。！？\n]{1,30})(?:[，,、][^：:。！？\n]{1,40})?[：:]")
# title, the lines under it (speaker, date), salutation and the first sentence, as a site runs
# them into one line
_OPENING = lazy_re(r"^(?P<title>.{4,60}" + _TITLE_END + r")(?P<middle>(?:\s*[^\s。！？：:]{1,30}?){0,4}?)\s*"
                   r"(?P<sal>" + _SALUTE + r")\s*(?P<rest>.*)$",
                   needs=("尊敬的", "各位", "同志们", "同学们", "老师们", "朋友们", "女士们", "先生们", "亲爱的"))
_DATE_PIECE = lazy_re(r"[（(]\s*\d{4}\s*年[^（）()]{1,20}[）)]")
_SALUTE_FIRST = lazy_re(r"^(?P<sal>" + _SALUTE + r")\s*(?P<rest>\S.{8,})$")
_SPACES = r"[ \t\u3000\u00a0]"
_SPACE_CHARS = " \t\u3000\u00a0"        # every glued line has one of these where it was glued
# a paragraph break a site turned into spaces: after a sentence end, before a heading number
_BREAK = lazy_re(r"(?<=[。！？])" + _SPACES + r"+(?=\S)|" + _SPACES + r"+(?=(?:[一二三四五六七八九十]{1,3}、|"
                    r"[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))\S)", needs=_SPACE_CHARS)
_HEADING_GLUED = lazy_re(r"^(?P<head>(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．](?!\d))"
                         r"[^。！？；：:;\s]{2,40})" + _SPACES + r"+(?P<rest>\S.{9,})$")


_SEGMENT_END = "。！？，；：,;:!?"
_WORD = lazy_re(r"[^ \t\u3000\u00a0]+")
def _name(text: str) -> bool:
    """A person's name: two to four Chinese characters (a · between parts of a transliterated one)."""
    return 2 <= len(text) <= 4 and all(is_cjk(c) or c == "·" for c in text)
LONG_LINE = 70          # a first line this long is no title: a site ran the article's parts together


def _leading_front(text: str) -> Tuple[int, List[str]]:
    """A signed article run into one line with spaces: its title and its author's line, when short
    pieces without a sentence mark open a long line (推动…… 县委社会工作部部长 周明 ……).
    Where the body starts in ``text``, and the title and author lines as written."""
    words = list(_WORD.finditer(text))
    if len(text) <= LONG_LINE or len(words) < 3:
        return 0, []
    lead = []
    for w in words[:-1]:
        if len(w.group()) > 40 or any(c in w.group() for c in _SEGMENT_END):
            break
        lead.append(w)
    if len(lead) < 2:
        return 0, []
    # the author: a name (周明) with its post before it (县委社会工作部部长 周明), else the last piece
    n = 2 if len(lead) >= 3 and _name(lead[-1].group()) and len(lead[-2].group()) <= 20 else 1
    title, author = lead[:-n], lead[-n:]
    return words[len(lead)].start(), [text[title[0].start():title[-1].end()], text[author[0].start():author[-1].end()]]


def split_glued(text: str, first: bool) -> List[str]:
    """The pieces of one line a site glued together, in order (the line itself when nothing is
    glued). ``first``: the line is among the first of the document, where a title may start."""
    if first:
        m = _OPENING.match(text)
        if m and "。" not in m.group("title"):
            # the speaker and the date between title and salutation: a line each (区委副书记 王某 keeps
            # its space; a date in brackets is a line of its own)
            middle = _DATE_PIECE.sub(lambda d: "\n" + d.group(0) + "\n", m.group("middle").strip())
            pieces = [m.group("title")] + [re.sub(_SPACES + "+", " ", x) for x in middle.split("\n")]
            pieces += [m.group("sal")] + _breaks(m.group("rest"))
            return [p.strip() for p in pieces if p and p.strip()]
    m = _SALUTE_FIRST.match(text) if first else None
    if m:
        return [m.group("sal"), m.group("rest").strip()]
    start, head = _leading_front(text) if first else (0, [])
    text = text[start:]
    return [p.strip() for p in list(head) + _breaks(text) if p.strip()]


def _breaks(text: str) -> List[str]:
    """``text`` split where a site turned paragraph breaks into spaces, and a heading off the
    first sentence it was run into."""
    out: List[str] = []
    for piece in _BREAK.rx.split(text) if _BREAK.search(text) else [text]:
        h = _HEADING_GLUED.match(piece) if any(c in piece for c in _SPACE_CHARS) else None
        # the text after the heading opens with a Chinese character or an opening mark, not a URL
        glued = h is not None and (is_cjk(h.group("rest")[0]) or h.group("rest")[0] in "“‘（《")
        out += [h.group("head"), h.group("rest")] if glued else [piece]
    return out
