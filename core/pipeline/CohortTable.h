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

// True when a covariate reads as continuous: every known value is a number and there are more
// than five distinct values (a numeric code such as a stage 1-4 stays categorical).
bool looksContinuous(const std::vector<std::string>& values);

// The paper's Table 1, computed by stats::CohortTable and formatted for reports and the GUI.
// cohortOf[p] indexes cohortNames for each patient; every cohort must hold a patient. With
// compareWithFirst, each later cohort gets a p-value column against the first (training) one:
// Mann-Whitney U for continuous variables (shown as mean ± SD and median [IQR]), chi-square or,
// when an expected count is below 5, Fisher's exact test for categorical ones (n (%) per level, %
// of the known values). Unknown values are counted in a "missing" row and left out of the tests.
CohortCharacteristics cohortCharacteristics(const std::vector<ClinicalVariable>& variables,
                                            const std::vector<int>& cohortOf,
                                            const std::vector<std::string>& cohortNames, bool compareWithFirst);

}  // namespace drs
