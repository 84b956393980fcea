#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and etcd of the Kubernetes
# release pinned in go.mod into a git-ignored cache keyed by that version, for
# the local control plane used by tests and development. Nothing is rebuilt when
# the binaries are already there.
#
# Lookup order (first hit wins):
#   1. $KUBE_CACHE_DIR/<version>/bin                 (default <repo>/.cache/kube)
#   2. $KUBE_SHARED_CACHE_DIR/<version>/bin          (default ${XDG_CACHE_HOME:-~/.cache}/pipedrive-sync-operator/kube),
#      a cache outside the checkout so fresh clones on the same machine (CI) copy instead of building
#   3. go build from the Go module proxy (one cold build takes tens of minutes on 2 cores;
#      later builds reuse ~/.cache/go-build and are mostly linking)
# Prints the bin directory on the last line of stdout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ {print $2; exit}' "$here/go.mod")"
if [[ -z "$version" ]]; then
  version="$(sed -n 's/^\s*k8s.io\/kubernetes \(v[0-9.]*\).*/\1/p' "$here/go.mod" | head -n1)"
fi
[[ -n "$version" ]] || { echo "kube build: cannot read the k8s.io/kubernetes version from $here/go.mod" >&2; exit 1; }
minor="${version#v1.}"; minor="${minor%%.*}"

cache_dir="${KUBE_CACHE_DIR:-$root/.cache/kube}"
bin="$cache_dir/$version/bin"
shared_root="${KUBE_SHARED_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pipedrive-sync-operator/kube}"
shared="$shared_root/$version/bin"
names=(etcd kube-apiserver kube-controller-manager)

complete() { local d="$1" n; for n in "${names[@]}"; do [[ -x "$d/$n" ]] || return 1; done; }

# Publishes a complete directory atomically enough: copy into a sibling temp dir, then rename.
publish() {
  local from="$1" to="$2" tmp n
  mkdir -p "$(dirname "$to")"
  tmp="$(mktemp -d "$(dirname "$to")/.bin.XXXXXX")"
  for n in "${names[@]}"; do cp -p "$from/$n" "$tmp/$n"; done
  rm -rf "$to"
  mv "$tmp" "$to"
}

if complete "$bin"; then
  echo "kube build: Kubernetes $version binaries already in $bin (nothing to build)" >&2
  echo "$bin"; exit 0
fi

# One build at a time per cache, even when tests and CI start it together.
mkdir -p "$cache_dir"
exec 9>"$cache_dir/.build.lock"
flock 9
if complete "$bin"; then echo "$bin"; exit 0; fi

if complete "$shared"; then
  start=$(date +%s)
  publish "$shared" "$bin"
  echo "kube build: copied Kubernetes $version binaries from the shared cache $shared in $(( $(date +%s) - start ))s" >&2
  echo "$bin"; exit 0
fi

command -v go >/dev/null || { echo "kube build: Go is required to build Kubernetes $version (see docs/local-control-plane.md)" >&2; exit 1; }
echo "kube build: building etcd, kube-apiserver and kube-controller-manager $version from Go modules into $bin." >&2
echo "kube build: this happens once per machine and version; a cold build takes tens of minutes on 2 cores." >&2
start=$(date +%s)
out="$(mktemp -d "$cache_dir/.build.XXXXXX")"
trap 'rm -rf "$out"' EXIT
cd "$here"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out/" ./cmd/kube-apiserver ./cmd/kube-controller-manager
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
publish "$out" "$bin"
if [[ "$shared" != "$bin" ]] && mkdir -p "$shared_root" 2>/dev/null; then
  publish "$out" "$shared" || echo "kube build: could not fill the shared cache $shared (continuing)" >&2
fi
echo "kube build: built Kubernetes $version binaries in $(( $(date +%s) - start ))s" >&2
echo "$bin"
