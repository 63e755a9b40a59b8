#pragma once
#include "core/learn/Dataset.h"
#include "core/learn/Folds.h"
#include "tests/core/stats/ReferenceValues.h"

namespace drs::testing {

inline const std::vector<std::string>& panelFeatures() {
    static const std::vector<std::string> names{"deep_1", "deep_2",  "deep_3",          "deep_4",
                                                "deep_5", "deep_6",  "deep_7",          "deep_8",
                                                "deep_9", "deep_10", "radscore_tumour", "radscore_ring"};
    return names;
}

inline learn::Dataset cohortDataset(const std::string& label) {
    return learn::datasetFromTable(readCsv(statsData("cohort.csv")), {label, panelFeatures(), "id"});
}

inline learn::RepeatedFolds cohortFolds(const learn::Dataset& data, const std::string& label) {
    return learn::readFoldFile(statsData("folds_" + label + ".csv"), data.labels, true);
}

}  // namespace drs::testing
