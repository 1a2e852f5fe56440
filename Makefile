# For a clerk: `make serve` installs drafter into .venv (once, and again when its files change)
# and opens the workbench in the browser. For developers: `make demo` renders the examples into
# out/; `make test` runs the whole suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test install system-deps bench clean offline-bundle serve
# What an installed drafter is made of: a change to any of them installs it again for `make serve`.
SOURCES := setup.cfg pyproject.toml $(shell find drafter templates outlines fonts -type f ! -name '*.pyc' 2>/dev/null)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Non-editable on purpose: the demo and the tests use drafter as a user installs it.
install: $(BIN)/python
	$(BIN)/python -m pip install -q --force-reinstall --no-deps .
	$(BIN)/python -m pip install -q .
	@touch $(VENV)/.installed
	@echo "drafter 命令在：$(CURDIR)/$(BIN)/drafter"

$(VENV)/.installed: $(BIN)/python $(SOURCES)
	$(BIN)/python -m pip install -q --force-reinstall --no-deps .
	$(BIN)/python -m pip install -q .
	@touch $@

# The workbench for a clerk: `make serve` (SERVE_ARGS=讲话.yaml opens a questionnaire, --port 8800…).
serve: $(VENV)/.installed
	@echo "drafter 已安装。drafter 命令在：$(CURDIR)/$(BIN)/drafter（要直接输入 drafter，先运行：source $(BIN)/activate）"
	@echo "正在打开工作台；用完在这里按 Ctrl+C 关闭。"
	$(BIN)/drafter serve $(SERVE_ARGS)

demo: install
	mkdir -p $(OUT)
	@for f in examples/*.yaml; do \
	  n=$$(basename $$f .yaml); \
	  $(BIN)/drafter render $$f -o $(OUT)/$$n.docx && \
	  $(BIN)/drafter render $$f --format txt -o $(OUT)/$$n.txt && \
	  $(BIN)/drafter render $$f --format md -o $(OUT)/$$n.md || exit 1; \
	done
	$(BIN)/drafter render examples/meeting/会议.yaml -o $(OUT)/会议材料/
	@echo "已生成：$(OUT)/"

# LibreOffice, CJK fonts and the font alias file; needs root (apt-get), skipped otherwise.
system-deps:
	@if [ "$$(id -u)" = 0 ]; then bash scripts/install-system-deps.sh; \
	else echo "非 root 用户：跳过 LibreOffice 与字体安装（见 scripts/install-system-deps.sh）"; fi

test: system-deps $(BIN)/python
	$(BIN)/python -m pip install -q --force-reinstall --no-deps .
	$(BIN)/python -m pip install -q '.[test]'
	DRAFTER_TEST_INSTALLED=1 $(BIN)/pytest -q -p no:cacheprovider

bench: install
	$(BIN)/python -m pip install -q '.[bench]'
	$(BIN)/python bench/run.py

# One archive with drafter and every Python dependency as wheels (Linux x86_64 and aarch64,
# Windows x86_64; Python 3.9-3.13), install scripts and INSTALL.txt, for offices without internet.
offline-bundle: $(BIN)/python
	$(BIN)/python scripts/offline_bundle.py -o dist $(BUNDLE_ARGS)

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info
