#!/bin/sh
# Add Goldseam to your desktop's app menu, for you only (no root needed):
#
#   ./install.sh              # menu entry, icons and ~/.local/bin/goldseam pointing into this folder
#   ./install.sh --uninstall  # remove them again (your vault is never touched)
#
# Goldseam runs from this folder: keep it where it is (for example ~/Applications/goldseam)
# or run ./install.sh again after moving it. Nothing here touches your vault, which lives in
# ~/.local/share/Goldseam unless you chose another folder.
set -eu

APP_ID=io.github.goldseam.Goldseam
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin

remove() {
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -type f -exec rm -f {} + 2>/dev/null || true
    if [ -L "$BIN/goldseam" ]; then rm -f "$BIN/goldseam"; fi
}

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    # Refresh a per-user icon cache only if one exists: creating one could hide icons later.
    if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    refresh
    echo "Goldseam's menu entry and icons were removed. This folder and your vault were left alone."
    exit 0
fi

[ -x "$HERE/goldseam" ] || { echo "install.sh: $HERE/goldseam not found" >&2; exit 1; }
remove
mkdir -p "$DATA/applications" "$DATA/metainfo" "$BIN"
(cd "$HERE/share/icons" && find hicolor -type f) | while read -r icon; do
    mkdir -p "$DATA/icons/$(dirname "$icon")"
    cp "$HERE/share/icons/$icon" "$DATA/icons/$icon"
done
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
# Exec/TryExec get the absolute path; a path with spaces is quoted as the spec requires.
exe="$HERE/goldseam"
case "$exe" in *" "*) exec_field="\"$exe\"" ;; *) exec_field="$exe" ;; esac
sed -e "s|^Exec=.*|Exec=$exec_field|" -e "s|^TryExec=.*|TryExec=$exe|" \
    "$HERE/share/applications/$APP_ID.desktop" >"$DATA/applications/$APP_ID.desktop"
ln -sf "$exe" "$BIN/goldseam"
refresh
echo "Goldseam was added to your app menu; 'goldseam' in a terminal works if ~/.local/bin is on your PATH."
