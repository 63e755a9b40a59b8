#!/usr/bin/env bash
# Installs every build and test dependency of DeepRadScore Studio from Debian 12's archive.
# Idempotent: packages already present are skipped; apt-get is the only source.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite qt6-svg-dev
  libqt6opengl6-dev libgl-dev
  libvtk9-dev
  libinsighttoolkit5-dev
  libdcmtk-dev dcmtk
  # SHA-256 of every imported and stored file (core/util/Hash.cpp).
  libssl-dev
  dicom3tools
  libtorch-dev
  libeigen3-dev
  # IBSI morphology's convex hull (core/radiomics/Morphology.cpp).
  libqhull-dev
  # pyradiomics parameter files are YAML (core/util/Yaml.cpp).
  libyaml-cpp-dev
  libqcustomplot-dev
  libsvm-dev
  zlib1g-dev
  xvfb xauth poppler-utils
  # tests/models/test_train_weights.cpp writes a torchvision densenet121 state_dict with it.
  python3-torchvision
  # Servers the product can use and the tests start on loopback: PACS, shared project, cluster.
  orthanc orthanc-dicomweb
  postgresql libqt6sql6-psql
  slurm-wlm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
