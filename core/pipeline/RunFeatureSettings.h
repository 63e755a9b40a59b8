#pragma once
// The regions and radiomics a finished run computed, read back from its recorded parameters, so a
// patient outside the run (a new patient, an external cohort) gets exactly the same inputs.
#include <string>

#include "core/radiomics/Settings.h"
#include "core/roi/Regions.h"

namespace drs {

struct RunFeatureSettings {
    RegionSettings regions;
    radiomics::Settings radiomics;
    bool wavelet = true;
};

// parametersJson as StudyOptions::toJson() wrote it; source names it in error messages.
RunFeatureSettings runFeatureSettings(const std::string& parametersJson, const std::string& source);

}  // namespace drs
