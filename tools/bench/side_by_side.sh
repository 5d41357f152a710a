#!/usr/bin/env bash
# Times the reference (IandRover/CCL-NeurIPS24) and ccl side by side on the same configs, whole process,
# alternating, and prints the medians of wall time and peak resident memory with their ratio.
#
#   tools/bench/side_by_side.sh REFERENCE_CHECKOUT [EPOCHS=3] [REPEATS=3] [CONFIG...]
#
# CONFIG defaults to configs/mlp/mnist_ccl.yaml configs/mlp/cifar10_ccl.yaml; each must have a twin under the
# reference's yaml/ (configs/mlp/x.yaml -> yaml/mlp/x.yaml, configs/cnn/x.yaml -> yaml/cnn/x.yaml).
# The reference runs with $PYTHON (default /usr/bin/python3) and needs torch, torchvision, numpy and yaml; wandb
# is replaced by a no-op module. Its torchvision datasets are read from REFERENCE_CHECKOUT/data, which
# reference_data.py fills from this project's data/ (the same bytes in torchvision's layout; run `./ccl datasets`
# first), so both sides train on the same copy offline. Both sides use $THREADS threads (default: every core).
# Run it on a quiet machine: another CPU-heavy process halves every number.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ref="$(cd "${1:?usage: $0 REFERENCE_CHECKOUT [EPOCHS] [REPEATS] [CONFIG...]}" && pwd)"
epochs="${2:-3}"
repeats="${3:-3}"
shift $(( $# < 3 ? $# : 3 ))
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(configs/mlp/mnist_ccl.yaml configs/mlp/cifar10_ccl.yaml)
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-$(nproc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# wandb: the reference logs to it; a module that accepts and drops everything.
mkdir -p "$work/shim/wandb"
printf 'def init(*a, **k):\n    pass\n\ndef log(*a, **k):\n    pass\n\ndef finish(*a, **k):\n    pass\n' > "$work/shim/wandb/__init__.py"
"$python" "$here/tools/bench/reference_data.py" "$here/data" "$ref/data"

# measure NAME DIR COMMAND...: one run, appending "seconds peak_kb" to $work/NAME; its output goes to $work/NAME.log
measure() {
  local name="$1" dir="$2"
  shift 2
  (cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/$name.last" "$@" >> "$work/$name.log" 2>&1) \
    || { echo "failed: $* (see its log):" >&2; tail -5 "$work/$name.log" >&2; exit 1; }
  cat "$work/$name.last" >> "$work/$name"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2)}'; }

printf '%-30s %10s %10s %8s %12s %12s\n' CONFIG REF_S CCL_S SPEEDUP REF_RSS_MB CCL_RSS_MB
for config in "${configs[@]}"; do
  kind="$(basename "$(dirname "$config")")"
  yaml="yaml/$kind/$(basename "$config")"
  [ -f "$ref/$yaml" ] || { echo "no $yaml in $ref for $config" >&2; exit 2; }
  script="main_class_$kind.py"
  stem="$(echo "$config" | tr '/' '_')"
  "$here/ccl" --version > /dev/null   # builds the jar first, outside the timing
  for _ in $(seq "$repeats"); do
    measure "$stem.ref" "$ref" env PYTHONPATH="$work/shim:$here/tools/bench" CCL_REFERENCE_DATA=1 OMP_NUM_THREADS="$threads" WANDB_MODE=disabled \
      "$python" "$script" --yaml "./$yaml" --epochs "$epochs"
    measure "$stem.ccl" "$here" ./ccl train "$config" --epochs "$epochs" --threads "$threads" \
      --out "$work/runs/$stem" --overwrite
  done
  ref_s=$(cut -d' ' -f1 "$work/$stem.ref" | median); ccl_s=$(cut -d' ' -f1 "$work/$stem.ccl" | median)
  ref_m=$(cut -d' ' -f2 "$work/$stem.ref" | median); ccl_m=$(cut -d' ' -f2 "$work/$stem.ccl" | median)
  awk -v c="$config" -v r="$ref_s" -v s="$ccl_s" -v rm="$ref_m" -v cm="$ccl_m" \
    'BEGIN {printf "%-30s %10.1f %10.1f %7.2fx %12.0f %12.0f\n", c, r, s, r / s, rm / 1024, cm / 1024}'
done
