# Shared by scripts/build-*: build Go programs from the pinned modules under tools/ into
# .cache/bin/<name>-<version>/, once per version. Sourced, not executed.
#
# A finished build leaves a `.stamp` holding the sha256 of the tool module's go.mod and go.sum and of the build
# scripts, so a warm run is a file comparison and never invokes the Go toolchain; a changed pin or build flag
# gets a new folder or a new stamp.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# module_version TOOL_DIR MODULE: the version of MODULE that TOOL_DIR/go.mod requires.
module_version() {
  awk -v m="$2" '
    $1 == "require" && $2 == m { print $3; exit }
    $1 == m && $2 ~ /^v/ { print $2; exit }
  ' "$1/go.mod"
}

# tool_stamp TOOL_DIR: identifies the exact inputs of a build (the calling scripts/build-* included).
tool_stamp() {
  cat "$1/go.mod" "$1/go.sum" "${BASH_SOURCE[0]}" "$0" | sha256sum | cut -d' ' -f1
}

# go_build_cached NAME VERSION TOOL_DIR LDFLAGS [BINARY=]PACKAGE...: builds each PACKAGE (named BINARY, or else
# after its last path element) into .cache/bin/NAME-VERSION/ unless a build with the same stamp is already there.
# Prints the folder on stdout; progress goes to stderr.
go_build_cached() {
  local name=$1 version=$2 tool_dir=$3 ldflags=$4
  shift 4
  local out="$repo_root/.cache/bin/$name-$version" stamp
  stamp=$(tool_stamp "$tool_dir")
  if [[ -f $out/.stamp && $(cat "$out/.stamp") == "$stamp" ]]; then
    echo "$out"
    return 0
  fi
  command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null || { echo "build-$name: Go is required (go.mod asks for $(awk '$1=="go"{print $2}' "$tool_dir/go.mod"))" >&2; return 1; }
  echo "build-$name: building $name $version into .cache/bin (no cached binary; a cold build takes minutes)" >&2
  local tmp="$out.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  local spec pkg bin started=$SECONDS
  for spec in "$@"; do
    pkg=${spec#*=} bin=${spec%%=*}
    [[ $spec == *=* ]] || bin=${pkg##*/}
    # -p bounds parallel compile jobs: these machines have 2 cores and other work running.
    # -mod=readonly: go.mod and go.sum are committed and complete; a build never edits them.
    (cd "$tool_dir" && CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" go build -p "${BUILD_JOBS:-2}" -trimpath \
      -ldflags "-s -w $ldflags" -o "$tmp/$bin" "$pkg") >&2 || { rm -rf "$tmp"; return 1; }
  done
  echo "$stamp" >"$tmp/.stamp"
  rm -rf "$out" && mv "$tmp" "$out"
  echo "build-$name: built $name $version in $((SECONDS - started))s into $out" >&2
  echo "$out"
}
