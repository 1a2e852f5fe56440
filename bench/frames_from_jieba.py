"""Write drafter/checker/data/frames.yaml from the dictionary of jieba (MIT licence).

    pip download --no-deps jieba==0.42.1   # then unpack it
    python bench/frames_from_jieba.py jieba-0.42.1/jieba/dict.txt

The repeated-text rule reads a doubled pair AB·AB followed by Y as the frame B·A·B·Y of a
four-character idiom (攻坚之战连战连胜, 作战屡战屡胜, 高校一校一策) rather than a slip when the
dictionary says so (see repeats._frame_after). The file keeps only what that needs: the words
of the shape B?B?, the characters that frame at least FRAME_MIN and STRONG_MIN of them, and the
two-character words that end in a character framing any of them or begin with one framing at
least FRAME_MIN.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

FRAME_MIN = 5          # words a character must frame to count as a frame character (连: 5)
STRONG_MIN = 100       # ... to make a frame on its own (一: 一校一策, 不)
WORD_MIN = 20          # dictionary frequency of a two-character word to count as a word
OUT = Path(__file__).resolve().parent.parent / "drafter" / "checker" / "data" / "frames.yaml"
HAN4 = re.compile(r"[\u4e00-\u9fff]{4}")
HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")


def main(dict_txt: str) -> None:
    freq = {}
    for line in Path(dict_txt).read_text(encoding="utf-8").splitlines():
        word, n, *_ = line.split()
        freq[word] = int(n)
    frames = sorted(w for w in freq if HAN4.fullmatch(w) and w[0] == w[2] and len({w[0], w[1], w[3]}) == 3)
    per_head = Counter(w[0] for w in frames)
    heads = "".join(sorted(h for h, n in per_head.items() if n >= FRAME_MIN))
    strong = "".join(sorted(h for h, n in per_head.items() if n >= STRONG_MIN))
    words = sorted(w for w in freq if HAN2.fullmatch(w) and freq[w] >= WORD_MIN
                   and (w[1] in per_head or w[0] in heads))
    OUT.write_text(
        "# 四字格（连战连胜、屡战屡胜、一校一策）：字词重复规则（repeated-text）用来区分格式与重复。\n"
        "# 由 bench/frames_from_jieba.py 从 jieba 0.42.1 的词典（dict.txt，MIT 许可）生成，不要手改。\n"
        "# frames：形如“甲乙甲丙”的词；heads、strong：构成至少 %d、%d 个这类词的字；\n"
        "# words：以构成这类词的字结尾、或以 heads 中的字开头的双字词（词频至少 %d）。\n"
        % (FRAME_MIN, STRONG_MIN, WORD_MIN)
        + f"frames: {' '.join(frames)}\nheads: {heads}\nstrong: {strong}\nwords: {' '.join(words)}\n",
        encoding="utf-8")
    print(f"{OUT}: {len(frames)} frames, {len(heads)} heads, {len(words)} words")


if __name__ == "__main__":
    main(sys.argv[1])
