#!/usr/bin/env bash
# Build the macOS release: dist/Goldseam.app, smoke-tested, in a .dmg.
#
#   packaging/macos/build.sh
#
# Output: dist/Goldseam.app and dist/Goldseam-<version>-macos-<arch>.dmg (arch of the build
# machine: arm64 on macos-14 runners; run it on an Intel Mac for x86_64).
#
# Signing and notarization happen only when their credentials are in the environment;
# otherwise the script says it skipped them and the app is ad-hoc signed (fine for local
# testing; Gatekeeper will refuse it on other Macs).
#   MACOS_CERTIFICATE_P12_BASE64, MACOS_CERTIFICATE_PASSWORD   Developer ID Application certificate
#                                  (imported into a temporary keychain; optional if already in a keychain)
#   MACOS_CODESIGN_IDENTITY        e.g. "Developer ID Application: Name (TEAMID)"
#   APPLE_API_KEY_P8_BASE64, APPLE_API_KEY_ID, APPLE_API_ISSUER_ID   App Store Connect API key for notarytool
#
# Environment: PYTHON (default python3.11), GOLDSEAM_BUILD_VENV (default build/venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

step() { printf '\n== %s\n' "$*"; }

PYTHON=${PYTHON:-python3.11}
VENV=${GOLDSEAM_BUILD_VENV:-build/venv}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/goldseam/__init__.py)
ARCH=$(uname -m)
APP=dist/Goldseam.app
DMG=dist/Goldseam-$VERSION-macos-$ARCH.dmg
IDENTITY=${MACOS_CODESIGN_IDENTITY:-}

step "build environment ($VENV)"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PY=$(cd "$VENV" && pwd)/bin/python
"$PY" -m pip install --disable-pip-version-check -q -e ".[build]"
"$PY" -c 'import sys, PyInstaller, PySide6; print("Python", sys.version.split()[0], "PyInstaller", PyInstaller.__version__, "PySide6", PySide6.__version__)'

step "catalogs and icons"
"$PY" tools/i18n_catalogs.py compile --output build/locale
"$PY" packaging/make_icons.py --out build/icons
iconutil -c icns build/icons/goldseam.iconset -o build/icons/goldseam.icns

step "PyInstaller"
rm -rf dist/goldseam "$APP"
GOLDSEAM_STRIP=0 "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
  --workpath build/pyinstaller packaging/goldseam.spec

KEYCHAIN=
cleanup() {
  if [ -n "$KEYCHAIN" ]; then security delete-keychain "$KEYCHAIN" || true; fi
  if [ -n "${API_KEY_FILE:-}" ]; then rm -f "$API_KEY_FILE"; fi
}
trap cleanup EXIT

step "code signing"
if [ -n "${MACOS_CERTIFICATE_P12_BASE64:-}" ] && [ -n "$IDENTITY" ]; then
  KEYCHAIN=$ROOT/build/signing.keychain-db
  KEYCHAIN_PASSWORD=$(uuidgen)
  rm -f "$KEYCHAIN"
  security create-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
  security set-keychain-settings -lut 3600 "$KEYCHAIN"
  security unlock-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
  echo "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode >build/certificate.p12
  security import build/certificate.p12 -k "$KEYCHAIN" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -T /usr/bin/codesign
  rm -f build/certificate.p12
  security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$KEYCHAIN_PASSWORD" "$KEYCHAIN" >/dev/null
  # shellcheck disable=SC2046 # one word per existing keychain path
  security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
fi
if [ -n "$IDENTITY" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist --sign "$IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
  echo "signed with: $IDENTITY"
else
  echo "skipped: MACOS_CODESIGN_IDENTITY is not set (the app keeps PyInstaller's ad-hoc signature)"
fi

step "smoke tests of the frozen app"
EXE=$APP/Contents/MacOS/goldseam
out=$("$EXE" --version)
[ "$out" = "Goldseam $VERSION" ] || { echo "unexpected --version output: $out" >&2; exit 1; }
echo "$out"
time "$EXE" --self-test
time QT_QPA_PLATFORM=offscreen "$EXE" --self-test --self-test-gui
if [ -n "$(find "$APP" \( -name '*.po' -o -name '*.pot' \) -print -quit)" ]; then
  echo "error: .po/.pot in the bundle" >&2; exit 1
fi

step "disk image"
STAGE=build/dmg
rm -rf "$STAGE" "$DMG" && mkdir -p "$STAGE"
ditto "$APP" "$STAGE/Goldseam.app"  # ditto keeps the framework symlinks and signatures
ln -s /Applications "$STAGE/Applications"
for attempt in 1 2 3 4 5; do
  # hdiutil sometimes fails with "Resource busy" on CI machines; retry.
  if hdiutil create -volname "Goldseam $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"; then break; fi
  [ "$attempt" -lt 5 ] || { echo "hdiutil failed 5 times" >&2; exit 1; }
  sleep $((attempt * 5))
done
if [ -n "$IDENTITY" ]; then
  codesign --force --timestamp --sign "$IDENTITY" "$DMG"
fi

step "notarization"
if [ -n "$IDENTITY" ] && [ -n "${APPLE_API_KEY_P8_BASE64:-}" ] && [ -n "${APPLE_API_KEY_ID:-}" ] &&
  [ -n "${APPLE_API_ISSUER_ID:-}" ]; then
  API_KEY_FILE=$ROOT/build/AuthKey_$APPLE_API_KEY_ID.p8
  echo "$APPLE_API_KEY_P8_BASE64" | base64 --decode >"$API_KEY_FILE"
  xcrun notarytool submit "$DMG" --key "$API_KEY_FILE" --key-id "$APPLE_API_KEY_ID" \
    --issuer "$APPLE_API_ISSUER_ID" --wait --timeout 30m
  xcrun stapler staple "$DMG"
  xcrun stapler validate "$DMG"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG" || true
else
  echo "skipped: needs MACOS_CODESIGN_IDENTITY, APPLE_API_KEY_P8_BASE64, APPLE_API_KEY_ID and APPLE_API_ISSUER_ID"
fi

step "result"
app_kib=$(du -sk "$APP" | cut -f1)
files=$(find "$APP" -type f | wc -l | tr -d ' ')
dmg_bytes=$(stat -f %z "$DMG")
echo "bundle:   $ROOT/$APP  $((app_kib / 1024)) MiB ($files files)"
echo "artifact: $ROOT/$DMG  $((dmg_bytes / 1048576)) MiB ($dmg_bytes bytes)"
