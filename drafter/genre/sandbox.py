"""The Jinja environment a template runs in: its own folder only, bounded in time and memory.

An office's outline folder may come from anyone, so its template is treated as hostile code.
Jinja's sandbox already refuses Python internals; this module adds what it leaves open:

- files: a template (and whatever it includes) is read only from inside its outline's folder,
  after symlinks are resolved, only if it is a regular file of at most MAX_TEMPLATE_BYTES;
- memory: every string or list a template builds is at most MAX_VALUE items (``*``, ``+``, ``~``,
  ``replace``, ``%`` and ``format`` widths) and all it builds at most MAX_BUILT, powers are
  bounded, and the output is at most MAX_OUTPUT characters;
- time: all ``range()`` calls of one render together yield at most MAX_RANGE_TOTAL numbers, and a
  render that still runs after TIME_LIMIT_S seconds is stopped (in the main thread, where the CLI
  and the batch workers render);
- compiled templates are cached only through drafter.cache, which trusts only this user's own
  folder and verifies every entry before Jinja unmarshals it.

Each limit raises LimitExceeded, which the renderer turns into a TemplateError with the line.
"""
from __future__ import annotations

import math
import os
import re
import signal
import string
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import jinja2
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from drafter import __version__
from drafter.cache import cache_dir, load, store
from drafter.errors import Location, TemplateError
from drafter.textio import read_bytes

MAX_TEMPLATE_BYTES = 1_000_000
MAX_VALUE = 1_000_000          # characters of a string, items of a list
MAX_BUILT = 50_000_000         # characters and items all values built by one render add up to
MAX_DEPTH = 20                 # lists in lists deeper than this are not weighed, just refused
MAX_OUTPUT = 5_000_000         # characters a template may write; a long speech is ~20,000
MAX_POWER_BITS = 4096          # ``**`` results of at most this many bits
MAX_WIDTH = 10_000             # widths in ``%`` and format specs, and the size arguments of filters
MAX_RANGE_TOTAL = 1_000_000
TIME_LIMIT_S = 5


class LimitExceeded(Exception):
    """A template went past one of the bounds above; the message is for the user."""


def _weight(value, depth: int = 0) -> int:
    """Characters and items ``value`` stands for when written out: a list holding one long string
    a million times is a million long strings to ``{{ }}``, ``join`` or ``tojson``."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        if depth >= MAX_DEPTH:
            return len(value) * MAX_VALUE
        return len(value) + sum(_weight(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return len(value) + sum(_weight(v, depth + 1) for v in value.values())
    return 1


_SIZED_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs", "to_bytes"}


def _bounded_size(size: int) -> None:
    if size > MAX_VALUE:
        raise LimitExceeded(f"模板生成的文字过长（超过 {MAX_VALUE} 个字符）")


def _bounded(value):
    if isinstance(value, (str, list, tuple, dict)) and _weight(value) > MAX_VALUE:
        raise LimitExceeded(f"模板生成的文字或列表过长（超过 {MAX_VALUE} 个字符或项）")
    return value


class _BoundedCodeGenerator(CodeGenerator):
    """``a ~ b`` is compiled to a join Jinja gives no hook for: wrap it in a length check."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_WIDTH = re.compile(r"\d+")


def _check_percent(fmt: str) -> None:
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*" or (part and int(part) > MAX_WIDTH):
                raise LimitExceeded(f"模板中格式“{m.group(0)}”的宽度过大（最多 {MAX_WIDTH}）")


def _check_format(fmt: str) -> None:
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return   # str.format raises its own error
    for _, _, spec, _ in fields:
        if spec and ("{" in spec or any(int(w) > MAX_WIDTH for w in _WIDTH.findall(spec))):
            raise LimitExceeded(f"模板中格式“{{:{spec}}}”的宽度过大或嵌套（最多 {MAX_WIDTH}）")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the bounds of the module docstring."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.range_left = MAX_RANGE_TOTAL
        self.built_left = MAX_BUILT
        self.globals.pop("lipsum", None)   # lipsum(10**9) is a gigabyte of Latin
        self.globals.update(range=self._range, namespace=_Namespace)
        for name in ("center", "indent", "wordwrap", "truncate", "slice", "batch"):
            self.filters[name] = _sized(self.filters[name])
        self.filters["format"] = _format_filter(self.filters["format"])
        self.filters["replace"] = _replace_filter(self.filters["replace"])
        self.filters["indent"] = _indent_filter(self.filters["indent"])

    def bounded(self, value):
        """Each built value is bounded, and so is their sum: a loop that keeps a million-character
        string per round in a namespace would otherwise fill memory within the bounds of each."""
        if isinstance(value, (str, list, tuple, dict)):
            _bounded(value)
            self.built_left -= _weight(value)
            if self.built_left < 0:
                raise LimitExceeded(f"模板生成的文字合计过多（超过 {MAX_BUILT} 个字符或项）")
        return value

    def _range(self, *args) -> range:
        r = range(*args)
        self.range_left -= len(r)
        if self.range_left < 0:
            raise LimitExceeded(f"模板的循环次数过多（range 合计超过 {MAX_RANGE_TOTAL} 次）")
        return r

    def call_binop(self, context, operator: str, left, right):
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and _weight(seq) * n > MAX_VALUE:
                    raise LimitExceeded(f"模板生成的文字或列表过长（超过 {MAX_VALUE} 个字符或项）")
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_POWER_BITS:
                raise LimitExceeded("模板中的数字过大")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left)
        return self.bounded(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's own signature
        """Methods of strings and numbers that allocate by an argument (``"a".ljust(10**9)``,
        ``(1).to_bytes(10**9)``, ``s.replace``, ``sep.join``) are measured before they run."""
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, (str, int)) and not isinstance(owner, bool):
            values = list(args) + list(kwargs.values())
            if name in _SIZED_METHODS and any(isinstance(a, int) and abs(a) > MAX_WIDTH for a in values):
                raise LimitExceeded(f"模板中 {name}() 的参数过大（最多 {MAX_WIDTH}）")
            if isinstance(owner, str) and name == "expandtabs" and values and isinstance(values[0], int):
                _bounded_size(len(owner) + owner.count("\t") * values[0])
            if isinstance(owner, str) and name == "replace" and len(args) >= 2:
                old, new = str(args[0]), str(args[1])
                times = owner.count(old) if old else len(owner) + 1
                _bounded_size(len(owner) + times * (len(new) - len(old)))
            if isinstance(owner, str) and name == "join" and args:
                items = list(args[0])
                _bounded_size(_weight(items) + len(owner) * len(items))
                args = (items,) + args[1:]
        return __self.bounded(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__

        def checked(*args, **kwargs):
            _check_format(fmt)
            return self.bounded(wrapped(*args, **kwargs))
        return checked


def _check_power(base, exp) -> None:
    if isinstance(base, bool) or isinstance(exp, bool):
        return
    if isinstance(base, int) and isinstance(exp, int) and exp > 0 and abs(base) > 1:
        if exp * math.log2(abs(base)) > MAX_POWER_BITS:
            raise LimitExceeded(f"模板中的乘方结果过大（{base} 的 {exp} 次方）")


def _sized(filter_fn):
    def bounded(value, *args, **kwargs):
        for a in list(args) + list(kwargs.values()):
            if isinstance(a, int) and not isinstance(a, bool) and abs(a) > MAX_WIDTH:
                raise LimitExceeded(f"模板中过滤器 {filter_fn.__name__.replace('do_', '')} 的参数 {a} 过大（最多 {MAX_WIDTH}）")
        return filter_fn(value, *args, **kwargs)
    return _same_kind(bounded, filter_fn)


def _format_filter(filter_fn):
    def bounded(value, *args, **kwargs):
        _check_percent(str(value))
        return _bounded(filter_fn(value, *args, **kwargs))
    return _same_kind(bounded, filter_fn)


def _replace_filter(filter_fn):
    def bounded(eval_ctx, value, old, new, count=None):
        s, o, n = str(value), str(old), str(new)
        times = s.count(o) if o else len(s) + 1
        if count is not None:
            times = min(times, count)
        if len(s) + times * (len(n) - len(o)) > MAX_VALUE:
            raise LimitExceeded(f"模板生成的文字过长（超过 {MAX_VALUE} 个字符）")
        return filter_fn(eval_ctx, value, old, new, count)
    return _same_kind(bounded, filter_fn)


def _indent_filter(filter_fn):
    def bounded(value, width=4, *args, **kwargs):
        text = str(value)
        pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        if len(text) + (text.count("\n") + 1) * pad > MAX_VALUE:
            raise LimitExceeded(f"模板生成的文字过长（超过 {MAX_VALUE} 个字符）")
        return filter_fn(value, width, *args, **kwargs)
    return _same_kind(bounded, filter_fn)


def _same_kind(wrapper, original):
    """Keep Jinja's pass_eval_ctx / pass_context marks, so the wrapper is called like the filter."""
    wrapper.__name__ = original.__name__
    if hasattr(original, "jinja_pass_arg"):
        wrapper.jinja_pass_arg = original.jinja_pass_arg
    return wrapper


class _Namespace(Namespace):
    """``namespace()`` whose attributes are bounded like every other value."""

    def __setitem__(self, name, value) -> None:
        super().__setitem__(name, _bounded(value))


def bounded_output(chunks: Iterator[str]) -> str:
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise LimitExceeded(f"模板输出的内容过多（超过 {MAX_OUTPUT} 个字符）")
        out.append(chunk)
    return "".join(out)


@contextmanager
def time_limit(seconds: float = TIME_LIMIT_S):
    """Stop what runs inside after ``seconds`` (SIGALRM; only possible in the main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise LimitExceeded(f"模板运行超过 {seconds:g} 秒仍未结束（可能有过多的循环或递归）")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class FolderLoader(jinja2.BaseLoader):
    """Templates from the given folders only: a name is looked up in each folder in turn and used
    only when, after resolving symlinks, it is a regular file inside that same folder."""

    def __init__(self, folders) -> None:
        self.folders = [Path(f) for f in folders]

    def get_source(self, environment, template: str):
        pieces = jinja2.loaders.split_template_path(template)   # refuses ../
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            root, real = os.path.realpath(folder), os.path.realpath(candidate)
            if os.path.commonpath([root, real]) != root:
                raise TemplateError(f"模板“{template}”是指向大纲文件夹以外的链接，drafter 不读取它", Location(candidate),
                                    hint="模板及其引用的文件都要放在大纲所在的文件夹里，不能用链接引用别处的文件。")
            if os.path.isdir(real):
                continue
            data = read_bytes(Path(real), MAX_TEMPLATE_BYTES)
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateError("模板文件不是 UTF-8 编码", Location(candidate),
                                    hint="请把模板另存为 UTF-8 编码。") from None
            mtime = os.path.getmtime(real)
            return source, str(candidate), lambda: os.path.exists(real) and os.path.getmtime(real) == mtime
        raise jinja2.TemplateNotFound(template)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept between runs (compiling is a third of drafter's own start-up).
    Entries go through drafter.cache: only this user's own folder, each entry checked by digest;
    anything else means compiling again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, bucket) -> Path:
        # The environment's settings are not part of Jinja's key: the version in the name keeps
        # another drafter's differently compiled code apart.
        return self.folder / f"drafter-{__version__}-{bucket.key}.cache"

    def load_bytecode(self, bucket) -> None:
        payload = load(self._path(bucket))
        if payload is None:
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:  # noqa: BLE001 — an entry of another Python or Jinja: compile again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        store(self._path(bucket), bucket.bytecode_to_string())


def template_cache() -> Optional[TemplateCache]:
    folder = cache_dir("templates")
    return TemplateCache(folder) if folder is not None else None
