// What the tumour outline on a study report's Grad-CAM image costs (StudyPipeline.cpp,
// tumourEdgeOnPatch): reading the patient's tumour region and deep patch and carrying the tumour
// onto the patch's grid, against reading the patch alone, which the pipeline does for every
// patient anyway. Usage: bench_gradcam_outline PROJECT.sqlite [PATIENTS]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/image/ImageIO.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/radiomics/Resampling.h"
#include "core/roi/Contours.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_gradcam_outline PROJECT.sqlite [PATIENTS]\n");
        return 2;
    }
    const int wanted = argc > 2 ? std::atoi(argv[2]) : 30;
    drs::project::ProjectDb db(argv[1]);
    drs::project::CohortRepository cohort(db);
    using Clock = std::chrono::steady_clock;
    double patchSeconds = 0, outlineSeconds = 0;
    std::size_t edgePixels = 0;
    int patients = 0;
    for (const auto& c : cohort.caseFiles()) {
        if (patients == wanted) break;
        std::string tumourPath, patchPath;
        for (const auto& region : cohort.regions(c.roiId)) {
            if (region.kind == "tumour") tumourPath = db.absoluteFilePath(region.path);
            if (region.kind == "patch") patchPath = db.absoluteFilePath(region.path);
        }
        if (tumourPath.empty() || patchPath.empty()) continue;
        const auto t0 = Clock::now();
        const drs::Volume patch = drs::readVolume(patchPath);
        const auto t1 = Clock::now();
        const drs::LabelMap tumour = drs::readLabelMap(tumourPath);
        const drs::Volume outlinedPatch = drs::readVolume(patchPath);
        edgePixels += drs::sliceEdgePixels(drs::radiomics::resampleLabel(tumour, 1, outlinedPatch.geometry,
                                                                         drs::radiomics::Interpolator::NearestNeighbor),
                                           0)
                          .size();
        const auto t2 = Clock::now();
        patchSeconds += std::chrono::duration<double>(t1 - t0).count();
        outlineSeconds += std::chrono::duration<double>(t2 - t1).count();
        ++patients;
    }
    if (patients == 0) {
        std::fprintf(stderr, "%s: no patient with tumour and patch regions (run drs train first)\n", argv[1]);
        return 1;
    }
    std::printf("patients %d, edge pixels %zu\n", patients, edgePixels);
    std::printf("patch read      %8.2f ms per patient\n", 1e3 * patchSeconds / patients);
    std::printf("outline         %8.2f ms per patient (%.1f x the patch read)\n", 1e3 * outlineSeconds / patients,
                outlineSeconds / patchSeconds);
    return 0;
}
