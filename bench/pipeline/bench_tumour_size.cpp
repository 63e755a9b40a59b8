// What the tumour size beside the label chooser costs (MainWindow::requestRegions): the
// regions job computes tumour, ring and patch, and now also tumourSize (volume and longest
// diameters from the marching-cubes mesh). Both timed per patient, side by side, on a project's
// images and masks. Usage: bench_tumour_size PROJECT.sqlite [PATIENTS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/image/ImageIO.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/radiomics/Shape.h"
#include "core/roi/Regions.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_tumour_size PROJECT.sqlite [PATIENTS]\n");
        return 2;
    }
    const int wanted = argc > 2 ? std::atoi(argv[2]) : 30;
    drs::project::ProjectDb db(argv[1]);
    drs::project::CohortRepository cohort(db);
    using Clock = std::chrono::steady_clock;
    double regionsSeconds = 0, sizeSeconds = 0, slowestSize = 0, largestVolume = 0, largestSizeSeconds = 0;
    int patients = 0;
    for (const auto& c : cohort.caseFiles()) {
        if (patients == wanted) break;
        const drs::Volume image = drs::readVolume(c.imagePath);
        const drs::LabelMap mask = drs::readLabelMap(c.maskPath);
        const auto t0 = Clock::now();
        const drs::Regions regions = drs::computeRegions(image, mask, drs::RegionSettings{}, c.maskPath);
        const auto t1 = Clock::now();
        const drs::radiomics::TumourSize size = drs::radiomics::tumourSize(mask, 1);
        const auto t2 = Clock::now();
        const double sizeTime = std::chrono::duration<double>(t2 - t1).count();
        regionsSeconds += std::chrono::duration<double>(t1 - t0).count();
        sizeSeconds += sizeTime;
        slowestSize = std::max(slowestSize, sizeTime);
        if (size.volumeMm3 > largestVolume) {
            largestVolume = size.volumeMm3;
            largestSizeSeconds = sizeTime;
        }
        ++patients;
    }
    if (patients == 0) {
        std::fprintf(stderr, "%s: no patient with an image and a mask\n", argv[1]);
        return 1;
    }
    std::printf("patients %d\n", patients);
    std::printf("regions      %8.2f ms per patient\n", 1e3 * regionsSeconds / patients);
    std::printf("tumour size  %8.2f ms per patient (%.3f x the regions), slowest %.2f ms\n",
                1e3 * sizeSeconds / patients, sizeSeconds / regionsSeconds, 1e3 * slowestSize);
    std::printf("largest tumour %.1f mL: size %.2f ms\n", largestVolume / 1000.0, 1e3 * largestSizeSeconds);
    return 0;
}
