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
    // The values of each "<image type>_<class>_" prefix, with the class named.
    struct Family {
        std::string name;
        std::map<std::string, double> values;
    };
    std::map<std::string, Family> byPrefix;
    for (const Feature& f : features) {
        const std::size_t first = f.name.find('_'), second = f.name.find('_', first + 1);
        Family& family = byPrefix[f.name.substr(0, second + 1)];
        family.name = f.name.substr(first + 1, second - first - 1);
        family.values[f.name.substr(second + 1)] = f.value;
    }
    for (const auto& [prefix, family] : byPrefix)
        for (const Deprecated& d : kDeprecated) {
            if (family.name != d.family) continue;
            const auto before = std::find_if(features.begin(), features.end(),
                                             [&](const Feature& f) { return f.name == prefix + d.before; });
            features.insert(before, {prefix + d.feature, valueOf(d, family.values)});
        }
}

}  // namespace drs::radiomics
