# Shared set-up for start-app and run-tests: sourced, not run.
# Creates .venv beside the project with Python 3.11+, installs the app into it, and makes
# sure the system libraries Qt and VTK need are present (installing them with apt-get when
# run as root, otherwise printing the exact command to run).
set -eu

project_dir=$(cd "$(dirname "$0")/.." && pwd)
venv_dir="$project_dir/.venv"

say() { printf 'anatomy-viewer setup: %s\n' "$*" >&2; }

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# Debian package names for what Qt's xcb platform plugin and VTK's EGL/GLX paths load.
system_packages="libgl1 libegl1 libglx-mesa0 libgl1-mesa-dri libxkbcommon0 libxkbcommon-x11-0 \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 libxrender1 libxi6 libdbus-1-3 \
libfontconfig1 libfreetype6 fonts-dejavu-core"
# What the tests need besides: a virtual screen for the Qt tests, and xdotool to click
# through the X server where the native 3D view could take a click (tests/ui).
test_packages="xvfb xauth xdotool"

missing_packages() {
    # Prints the packages of "$@" that dpkg does not list as installed.
    command -v dpkg-query >/dev/null 2>&1 || return 0
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
            printf '%s ' "$package"
        fi
    done
}

ensure_system_packages() {
    # shellcheck disable=SC2086
    missing=$(missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing system packages: $missing"
        export DEBIAN_FRONTEND=noninteractive
        # shellcheck disable=SC2086
        apt-get install -y -q --no-install-recommends $missing >/dev/null ||
            { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null; }
    else
        say "these system packages are missing: $missing"
        say "install them with:  sudo apt-get install -y $missing"
        say "then run this command again."
        exit 1
    fi
}

ensure_venv() {
    extra="$1"
    python=$(find_python) || {
        say "Python 3.11 or newer is needed (found: $(python3 --version 2>&1 || echo none))."
        say "install it with:  sudo apt-get install -y python3 python3-venv"
        exit 1
    }
    if [ ! -x "$venv_dir/bin/python" ]; then
        if ! "$python" -m venv "$venv_dir" >/dev/null 2>&1; then
            rm -rf "$venv_dir"
            version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
            ensure_system_packages "python${version}-venv"
            "$python" -m venv "$venv_dir"
        fi
    fi
    stamp="$venv_dir/.installed-$extra"
    if [ ! -f "$stamp" ] || [ "$project_dir/pyproject.toml" -nt "$stamp" ]; then
        say "installing the app and its Python packages into .venv (first run takes a few minutes)"
        "$venv_dir/bin/python" -m pip install -q --upgrade pip
        if [ "$extra" = test ]; then
            "$venv_dir/bin/python" -m pip install -q -e "$project_dir[test]"
        else
            "$venv_dir/bin/python" -m pip install -q -e "$project_dir"
        fi
        touch "$stamp"
    fi
}
