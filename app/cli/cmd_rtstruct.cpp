#include "app/cli/Command.h"
#include "core/image/ImageIO.h"
#include "core/roi/MaskFile.h"
#include "core/roi/RtStruct.h"
#include "core/util/Error.h"

#include <iostream>

namespace drs::cli {
namespace {

int runRtStruct(const Args& args) {
    args.allowOnly({"image", "rtstruct", "roi", "out", "series", "list"});
    const std::string rtstruct = args.value("rtstruct");
    if (args.has("list")) {
        std::cout << "number,name,contours\n";
        for (const auto& roi : listRtStructRois(rtstruct))
            std::cout << roi.number << "," << roi.name << "," << roi.contourCount << "\n";
        return 0;
    }
    const std::string imagePath = args.value("image");
    const std::string out = args.value("out");
    ReadOptions options;
    options.seriesInstanceUid = args.valueOr("series", "");
    StudyInfo info;
    const Volume image = readStudyForMask(imagePath, rtstruct, options, &info);
    const LabelMap mask =
        rasteriseRtStruct(rtstruct, args.valueOr("roi", ""), image.geometry, info.frameOfReferenceUid);
    writeLabelMap(mask, out);
    std::size_t voxels = 0;
    for (auto v : mask.voxels) voxels += v;
    std::cerr << "drs rtstruct: " << voxels << " voxels written to " << out << "\n";
    return 0;
}

const Registrar registrar({"rtstruct",
                           "rasterise an RTSTRUCT ROI onto a CT grid as a label map",
                           "--image STUDY --rtstruct RS.dcm [--roi NAME] [--series UID] --out MASK.nii.gz | "
                           "--rtstruct RS.dcm --list",
                           {"list"},
                           runRtStruct});

}  // namespace
}  // namespace drs::cli
