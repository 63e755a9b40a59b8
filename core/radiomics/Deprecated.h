#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/radiomics/Extractor.h"

namespace drs::radiomics {

// pyradiomics' deprecated features that still have a value, computed only when a parameter file
// names them (as pyradiomics computes them only then), each a named function of features the
// families compute: shape Compactness1 = V / (sqrt(pi) A^(3/2)), Compactness2 = 36 pi V^2 / A^3,
// SphericalDisproportion = A / (36 pi V^2)^(1/3) (V MeshVolume, A SurfaceArea); shape2D
// SphericalDisproportion = 1 / Sphericity; firstorder StandardDeviation = sqrt(Variance) of every
// image type. Inserted where pyradiomics' alphabetical order puts them.
void insertDeprecatedFeatures(std::vector<Feature>& features);

// Whether a class's feature is one of them ("shape", "Compactness1").
bool isDeprecatedFeature(const std::string& family, const std::string& feature);

// All of them as (class, feature) pairs.
std::vector<std::pair<std::string, std::string>> deprecatedFeatureNames();

}  // namespace drs::radiomics
