#!/usr/bin/env bash
# LibreOffice, free CJK fonts and drafter's font alias file, for rendering and the PDF tests;
# util-linux for unshare, which cuts LibreOffice off from the network (drafter/soffice.py);
# Debian's chromium for the browser tests of `drafter serve` (Playwright drives it, nothing is downloaded);
# python3-uno, LibreOffice's Python bridge, through which the tests read comments and tracked changes
# the way LibreOffice sees them (run with Debian's /usr/bin/python3, tests/uno_client.py).
# Run as root (`make system-deps`). Idempotent: when everything is present it does nothing
# and takes well under a second.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
alias_src="$here/fonts/65-drafter-official.conf"
alias_dst=/etc/fonts/conf.d/65-drafter-official.conf
fandol_dir=/usr/local/share/fonts/fandol
packages=(util-linux libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
          fonts-liberation2 poppler-utils fontconfig chromium python3-uno)

export DEBIAN_FRONTEND=noninteractive

# A mirror that hiccups once should not fail CI: try each network step three times.
retry() {
    local n
    for n in 1 2 3; do
        "$@" && return 0
        echo "重试（第 $n 次失败）：$*" >&2
        sleep $((n * 5))
    done
    return 1
}

if [ "$(id -u)" != 0 ]; then
    echo "install-system-deps.sh: 需要 root 权限（apt-get）。" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
need_fandol=0
[ -f "$fandol_dir/FandolFang-Regular.otf" ] || need_fandol=1
need_alias=0
cmp -s "$alias_src" "$alias_dst" 2>/dev/null || need_alias=1

if [ ${#missing[@]} -eq 0 ] && [ $need_fandol -eq 0 ] && [ $need_alias -eq 0 ]; then
    echo "系统依赖已齐全：LibreOffice（含 Python 接口）、中文字体、字体别名与 Chromium。"
    exit 0
fi

if [ ${#missing[@]} -gt 0 ] || [ $need_fandol -eq 1 ]; then
    retry apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "安装：${missing[*]}"
    retry apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ $need_fandol -eq 1 ]; then
    # The Fandol fonts ship only inside texlive-lang-chinese (278 MB installed):
    # download the .deb and take out just the .otf files.
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && retry apt-get download -q texlive-lang-chinese)
    mkdir -p "$fandol_dir"
    dpkg-deb --fsys-tarfile "$tmp"/texlive-lang-chinese_*.deb \
        | tar -x -C "$tmp" --wildcards '*/fandol/*.otf'
    find "$tmp" -path '*/fandol/*.otf' -exec install -m 0644 {} "$fandol_dir/" \;
    [ -f "$fandol_dir/FandolFang-Regular.otf" ] || { echo "未能取得 Fandol 字体。" >&2; exit 1; }
fi

# The alias file carries the scan rule for the Fandol Bold files, so it goes in before fc-cache.
install -m 0644 "$alias_src" "$alias_dst"
fc-cache -f
echo "系统依赖已安装。"
