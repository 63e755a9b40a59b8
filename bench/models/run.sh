#!/usr/bin/env bash
# Side-by-side benchmark: for each backbone, LibTorch C++ (bench_models) then PyTorch Python
# (bench_backbones.py, Debian's python3-torch + python3-torchvision) on the same batch, threads
# and timing rule, so machine load affects both alike. Usage:
#   bench/models/run.sh BUILD_BIN_DIR [--threads 2] [--batch 8] [--repeats 5] [--backbones a,b]
set -euo pipefail
bin="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
backbones="densenet121,resnet50,resnet101,vgg19,inception_v3"
options=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--backbones" ]; then backbones="$2"; else options+=("$1" "$2"); fi
  shift 2
done
echo "api,backbone,input_px,batch,threads,forward_ms,train_step_ms"
for backbone in ${backbones//,/ }; do
  "$bin/bench_models" "${options[@]}" --backbones "$backbone" | tail -n +2
  /usr/bin/python3 "$here/bench_backbones.py" "${options[@]}" --backbones "$backbone" | tail -n +2
done
