#!/usr/bin/env bash
# Build the Linux release: a PyInstaller onedir bundle, smoke-tested, packed as a tar.gz with
# a .desktop file, AppStream metainfo, icons and a per-user install script.
#
#   packaging/linux/build.sh
#
# Output: dist/goldseam/ (the bundle) and dist/goldseam-<version>-linux-<arch>.tar.gz.
# Build release artifacts on the oldest distro you support (CI uses ubuntu-22.04, glibc 2.35):
# the bundle needs the build host's glibc or newer.
#
# Environment: PYTHON (interpreter for the build venv; default python3.11),
# GOLDSEAM_BUILD_VENV (default build/venv; reused when it exists),
# SOURCE_DATE_EPOCH (timestamps in the tarball; default: the last commit's time).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

step() { printf '\n== %s\n' "$*"; }
human() { numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || echo "$1 bytes"; }

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON=$candidate; break; fi
  done
fi
VENV=${GOLDSEAM_BUILD_VENV:-build/venv}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/goldseam/__init__.py)
APP_ID=$(sed -n 's/^APP_ID = "\(.*\)"/\1/p' src/goldseam/__init__.py)
ARCH=$(uname -m)
NAME=goldseam-$VERSION-linux-$ARCH

step "build environment ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
PY=$(cd "$VENV" && pwd)/bin/python
"$PY" -m pip install --disable-pip-version-check -q -e ".[build]"
"$PY" -c 'import sys, PyInstaller, PySide6; print("Python", sys.version.split()[0], "PyInstaller", PyInstaller.__version__, "PySide6", PySide6.__version__)'

step "Qt's xcb libraries on the build host (bundled when present)"
missing=()
known_libs=$("$(command -v ldconfig || echo /sbin/ldconfig)" -p)
for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 libxcb-render-util.so.0 \
  libxcb-randr.so.0 libxcb-shape.so.0 libxcb-xkb.so.1 libxkbcommon-x11.so.0; do
  grep -qF "$lib" <<<"$known_libs" || missing+=("$lib")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "warning: not installed here, so the bundle will rely on the user's copies: ${missing[*]}"
  echo "  (Debian/Ubuntu: apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0"
  echo "   libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)"
  if [ "${CI:-}" = "true" ]; then echo "error: CI builds must bundle them" >&2; exit 1; fi
else
  echo "all present"
fi

step "catalogs (.po -> build/locale/*.mo) and icons (build/icons)"
"$PY" tools/i18n_catalogs.py compile --output build/locale
"$PY" packaging/make_icons.py --out build/icons

step "PyInstaller"
rm -rf dist/goldseam
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/goldseam.spec
BUNDLE=dist/goldseam

step "bundle checks"
dangling=$(find "$BUNDLE" -xtype l)
[ -z "$dangling" ] || { echo "dangling symlinks:"; echo "$dangling"; exit 1; }
if [ -n "$(find "$BUNDLE" \( -name '*.po' -o -name '*.pot' \) -print -quit)" ]; then
  echo "error: .po/.pot in the bundle" >&2; exit 1
fi
echo "no dangling symlinks, no .po/.pot"

step "smoke tests of the frozen app (throwaway HOME, XDG folders and TMPDIR)"
SANDBOX=$(mktemp -d)
trap 'rm -rf "$SANDBOX"' EXIT
mkdir -p "$SANDBOX/home" "$SANDBOX/tmp" "$SANDBOX/run" && chmod 700 "$SANDBOX/run"
run_frozen() {
  env -i PATH=/usr/bin:/bin HOME="$SANDBOX/home" TMPDIR="$SANDBOX/tmp" LANG=C.UTF-8 \
    XDG_CONFIG_HOME="$SANDBOX/home/.config" XDG_DATA_HOME="$SANDBOX/home/.local/share" \
    XDG_CACHE_HOME="$SANDBOX/home/.cache" XDG_RUNTIME_DIR="$SANDBOX/run" QT_QPA_PLATFORM=offscreen \
    "$ROOT/$BUNDLE/goldseam" "$@"
}
TIMEFORMAT='(%R s)'
out=$(run_frozen --version)
[ "$out" = "Goldseam $VERSION" ] || { echo "unexpected --version output: $out" >&2; exit 1; }
echo "$out"
time run_frozen --version >/dev/null
time run_frozen --self-test
time run_frozen --self-test --self-test-gui
left=$(find "$SANDBOX/home" "$SANDBOX/tmp" "$SANDBOX/run" -mindepth 1 | sed "s|$SANDBOX/||")
if [ -n "$left" ]; then
  echo "error: the self-tests left files behind:" >&2; echo "$left" >&2; exit 1
fi
echo "nothing was written outside the (removed) temporary vaults"

step "tarball"
STAGE=build/stage/$NAME
rm -rf build/stage && mkdir -p "$STAGE"
cp -a "$BUNDLE/." "$STAGE/"
cp LICENSE "$STAGE/LICENSE"
install -m 755 packaging/linux/install.sh "$STAGE/install.sh"
install -D -m 644 "packaging/linux/$APP_ID.desktop" "$STAGE/share/applications/$APP_ID.desktop"
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
RELEASE_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)
mkdir -p "$STAGE/share/metainfo"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$RELEASE_DATE/" "packaging/linux/$APP_ID.metainfo.xml.in" \
  >"$STAGE/share/metainfo/$APP_ID.metainfo.xml"
mkdir -p "$STAGE/share/icons"
cp -r build/icons/hicolor "$STAGE/share/icons/"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$STAGE/share/applications/$APP_ID.desktop" && echo "desktop file valid"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$STAGE/share/metainfo/$APP_ID.metainfo.xml"
fi
ARCHIVE=dist/$NAME.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C build/stage -cf - "$NAME" | gzip -n -9 >"$ARCHIVE"

step "result"
bundle_bytes=$(du -sb "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
archive_bytes=$(stat -c %s "$ARCHIVE")
echo "bundle:   $ROOT/$BUNDLE  $(human "$bundle_bytes") ($bundle_bytes bytes, $files files)"
echo "artifact: $ROOT/$ARCHIVE  $(human "$archive_bytes") ($archive_bytes bytes)"
