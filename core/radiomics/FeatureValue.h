#pragma once
#include <string>
#include <vector>

namespace drs::radiomics {

// One feature of one family, named as pyradiomics names it inside the family ("Contrast").
struct FeatureValue {
    const char* name;
    double value;
};
using FamilyValues = std::vector<FeatureValue>;

// numpy.spacing(1): the epsilon pyradiomics adds inside logarithms and divisions.
inline constexpr double kEps = 2.220446049250313e-16;

}  // namespace drs::radiomics
