#include "core/radiomics/Deprecated.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace drs::radiomics {
namespace {

struct Deprecated {
    const char* family;
    const char* feature;
    const char* before;  // the feature it precedes in pyradiomics' order
};
const Deprecated kDeprecated[] = {{"shape", "Compactness1", "Elongation"},
                                  {"shape", "Compactness2", "Elongation"},
                                  {"shape", "SphericalDisproportion", "Sphericity"},
                                  {"shape2D", "SphericalDisproportion", "Sphericity"},
                                  {"firstorder", "StandardDeviation", "TotalEnergy"}};

double valueOf(const Deprecated& d, const std::map<std::string, double>& family) {
    const std::string feature = d.feature;
    if (feature == "StandardDeviation") return std::sqrt(family.at("Variance"));
    if (std::string(d.family) == "shape2D") return 1 / family.at("Sphericity");
    const double v = family.at("MeshVolume"), a = family.at("SurfaceArea");
    if (feature == "Compactness1") return v / (std::pow(a, 1.5) * std::sqrt(M_PI));
    if (feature == "Compactness2") return 36 * M_PI * v * v / (a * a * a);
    return a / std::cbrt(36 * M_PI * v * v);
}

}  // namespace

bool isDeprecatedFeature(const std::string& family, const std::string& feature) {
    return std::any_of(std::begin(kDeprecated), std::end(kDeprecated),
                       [&](const Deprecated& d) { return family == d.family && feature == d.feature; });
}

std::vector<std::pair<std::string, std::string>> deprecatedFeatureNames() {
    std::vector<std::pair<std::string, std::string>> names;
    for (const Deprecated& d : kDeprecated) names.emplace_back(d.family, d.feature);
    return names;
}

void insertDeprecatedFeatures(std::vector<Feature>& features) {
    // Features grouped by their "<image type>_<class>_" prefix.
    std::map<std::string, std::map<std::string, double>> byPrefix;
    for (const Feature& f : features) {
        const std::size_t split = f.name.find('_', f.name.find('_') + 1);
        byPrefix[f.name.substr(0, split + 1)][f.name.substr(split + 1)] = f.value;
    }
    for (const auto& [prefix, family] : byPrefix) {
        const std::string familyName = prefix.substr(prefix.find('_') + 1, prefix.size() - prefix.find('_') - 2);
        for (const Deprecated& d : kDeprecated) {
            if (familyName != d.family) continue;
            const auto before = std::find_if(features.begin(), features.end(),
                                             [&](const Feature& f) { return f.name == prefix + d.before; });
            features.insert(before, {prefix + d.feature, valueOf(d, family)});
        }
    }
}

}  // namespace drs::radiomics
