// DICOM SEG and RTSTRUCT export of a mask, and SEG import onto a study's grid.
#include <iostream>
#include <map>

#include "app/cli/Command.h"
#include "core/image/ImageIO.h"
#include "core/roi/DicomSeg.h"
#include "core/roi/DicomSource.h"
#include "core/roi/MaskFile.h"
#include "core/roi/RtStructExport.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

struct ExportInput {
    Volume image;
    LabelMap mask;
    SourceSeries source;
    std::vector<std::pair<std::uint16_t, std::string>> labels;  // label, name
};

// The study, its mask (label map, RTSTRUCT, SEG or 3D Slicer segmentation) and which labels to
// write under which names: --label N alone, or every label present ("label N" each, a Slicer
// segmentation's segment names, or --name for a single one).
ExportInput readExportInput(const Args& args) {
    ExportInput input;
    const std::string imagePath = args.value("image"), maskPath = args.value("mask");
    ReadOptions options;
    options.seriesInstanceUid = args.valueOr("series", "");
    StudyInfo info;
    input.image = readStudyForMask(imagePath, maskPath, options, &info);
    MaskOnGrid mask = readMaskOnGrid(maskPath, args.valueOr("roi", ""), input.image.geometry, info.frameOfReferenceUid);
    input.mask = std::move(mask.labels);
    std::map<std::uint16_t, std::size_t> present;
    for (auto v : input.mask.voxels)
        if (v) ++present[v];
    if (present.empty()) throw Error(maskPath + ": the mask is empty (no voxel is labelled)");
    if (args.has("label")) {
        const long label = args.integer("label", 1);
        if (label < 1 || label > 65535 || !present.count(static_cast<std::uint16_t>(label)))
            throw Error(maskPath + ": label " + std::to_string(label) + " is not present");
        input.labels.emplace_back(static_cast<std::uint16_t>(label), args.valueOr("name", "Tumour"));
    } else {
        for (const auto& [label, count] : present) {
            const auto named = mask.namesByLabel.find(label);
            input.labels.emplace_back(label, present.size() == 1                ? args.valueOr("name", "Tumour")
                                             : named != mask.namesByLabel.end() ? named->second
                                                                                : "label " + std::to_string(label));
        }
    }
    input.source = sourceSeriesOf(imagePath, input.image.geometry, options.seriesInstanceUid);
    return input;
}

int runSegExport(const Args& args) {
    args.allowOnly({"image", "mask", "label", "name", "roi", "series", "patient-id", "out"});
    const std::string out = args.value("out");
    const ExportInput input = readExportInput(args);
    std::vector<SegmentToExport> segments;
    for (const auto& [label, name] : input.labels) segments.push_back({label, name});
    RoiExportInfo info;
    info.patientId = args.valueOr("patient-id", "");
    writeDicomSeg(input.mask, segments, input.source, info, out);
    std::cerr << "drs seg: " << segments.size() << " segment(s) written to " << out
              << (input.source.isDicom() ? " (referencing the study's DICOM series)\n" : "\n");
    return 0;
}

int runRtStructExport(const Args& args) {
    args.allowOnly({"image", "mask", "label", "name", "roi", "series", "patient-id", "out"});
    const std::string out = args.value("out");
    const ExportInput input = readExportInput(args);
    std::vector<RoiToExport> rois;
    for (const auto& [label, name] : input.labels) rois.push_back({label, name});
    RoiExportInfo info;
    info.patientId = args.valueOr("patient-id", "");
    writeRtStruct(input.mask, rois, input.source, info, out);
    std::cerr << "drs rtstruct-export: " << rois.size() << " ROI(s) written to " << out << "\n";
    return 0;
}

int runSegImport(const Args& args) {
    args.allowOnly({"image", "seg", "segment", "series", "out", "list"});
    const std::string seg = args.value("seg");
    if (args.has("list")) {
        std::cout << "number,name,frames\n";
        for (const auto& segment : listDicomSegments(seg))
            std::cout << segment.number << "," << segment.name << "," << segment.frameCount << "\n";
        return 0;
    }
    ReadOptions options;
    options.seriesInstanceUid = args.valueOr("series", "");
    const Volume image = readStudyForMask(args.value("image"), seg, options);
    const std::string out = args.value("out");
    const LabelMap mask = readDicomSeg(seg, args.valueOr("segment", ""), image.geometry);
    writeLabelMap(mask, out);
    std::size_t voxels = 0;
    for (auto v : mask.voxels) voxels += v != 0;
    std::cerr << "drs seg-import: " << voxels << " voxels written to " << out << "\n";
    return 0;
}

const Registrar segRegistrar({"seg",
                              "export a mask as a DICOM SEG (one segment per label)",
                              "--image STUDY --mask MASK [--label N] [--name NAME] [--roi NAME] [--series UID] "
                              "[--patient-id ID] --out SEG.dcm",
                              {},
                              runSegExport});
const Registrar rtStructRegistrar({"rtstruct-export",
                                   "export a mask as an RTSTRUCT (contours along the voxel edges)",
                                   "--image STUDY --mask MASK [--label N] [--name NAME] [--roi NAME] [--series UID] "
                                   "[--patient-id ID] --out RS.dcm",
                                   {},
                                   runRtStructExport});
const Registrar segImportRegistrar({"seg-import",
                                    "read a DICOM SEG onto a study's grid as a label map",
                                    "--image STUDY --seg SEG.dcm [--segment NAME] [--series UID] --out MASK.nii.gz | "
                                    "--seg SEG.dcm --list",
                                    {"list"},
                                    runSegImport});

}  // namespace
}  // namespace drs::cli
