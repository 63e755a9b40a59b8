#pragma once
// The study settings the pipeline tests run with: the fast chain on two endpoints, without the
// wavelet images, four classifiers, so a 44-patient cohort runs in seconds.
#include "core/pipeline/StudyPipeline.h"

namespace drs::testing {

inline StudyOptions smallStudyOptions() {
    StudyOptions options = StudyOptions::fast();
    options.wavelet = false;
    options.endpoints = {"PI", "EGFR"};
    options.endpoint.classifiers = {"lr", "lda", "nb", "knn"};
    options.seed = 3;
    return options;
}

}  // namespace drs::testing
