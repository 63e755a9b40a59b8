#pragma once
#include <string>
#include <vector>

#include "core/pipeline/Evidence.h"

namespace drs {

// One clinical variable as read from the clinical table: text per patient, empty when unknown.
struct ClinicalVariable {
    std::string name;
    bool continuous = false;
    std::vector<std::string> values;
};

// The paper's Table 1, training vs test cohort, computed by stats::CohortTable (mean ± SD with
// Welch's t-test; n (%) per level with chi-square, or Fisher's exact test for a sparse 2 x 2) and
// formatted for reports. Unknown values are counted in a "missing" row and left out of the tests.
std::vector<CohortRow> cohortTable(const std::vector<ClinicalVariable>& variables, const std::vector<bool>& isTest);

}  // namespace drs
