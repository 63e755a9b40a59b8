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

// The paper's Table 1: training vs test cohort. Continuous variables as mean ± SD with Welch's
// t-test; categorical ones as n (%) per level with a chi-square test (Yates-corrected for 2 x 2),
// or Fisher's exact test when a 2 x 2 table has an expected count below 5. Unknown values are
// counted in a "missing" row and left out of the tests.
std::vector<CohortRow> cohortTable(const std::vector<ClinicalVariable>& variables, const std::vector<bool>& isTest);

}  // namespace drs
