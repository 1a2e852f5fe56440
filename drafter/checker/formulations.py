"""Fixed political formulations (提法) whose numbers announce nothing that follows."""
from __future__ import annotations

# Each is quoted as a whole in official prose; the number is part of the name.
FIXED = (
    "两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "五位一体", "三会一课",
    "两学一做", "三严三实", "两个务必", "两个结合", "两个大局", "两个一百年", "两个毫不动摇",
    "两个健康", "两个覆盖", "两个责任", "两个先锋队", "三个代表", "三个务必", "三个有利于",
    "三个区分开来", "三大攻坚战", "四个伟大", "四个最严", "四个不摘", "四项基本原则",
    "五大发展理念", "五个必由之路", "六个必须坚持", "八项规定", "十个明确", "十四个坚持",
    "十三个方面", "两张皮", "两条腿", "两化融合", "三个一批", "两不愁三保障", "三个转变",
    "三个没有变", "两个根本", "四个服从", "两个至上", "三大法宝", "两个更加",
)
_BY_FIRST = {}
for _f in FIXED:
    _BY_FIRST.setdefault(_f[0], []).append(_f)


def is_fixed(text: str, pos: int) -> bool:
    """Whether a fixed formulation starts at ``pos``."""
    return any(text.startswith(f, pos) for f in _BY_FIRST.get(text[pos:pos + 1], ()))
