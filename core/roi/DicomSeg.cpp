// DICOM SEG with DCMTK's dcmseg for everything but the binary pixel data: DCMTK 3.6.7 packs and
// unpacks frames wrongly when rows x columns is not a multiple of 8 (frame 2 onwards is shifted),
// so the frames' bits are packed and read here, as PS3.5 8.1.1 lays them out: one bit per pixel,
// least significant bit first, each frame starting at the bit where the previous one ended.
#include "core/roi/DicomSeg.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmiod/iodreferences.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/oflog/oflog.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "core/image/DicomWrite.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

// Decimal strings (DS) hold 16 characters: %.10g keeps sub-micrometre precision for positions.
std::string decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", std::abs(value) < 1e-12 ? 0.0 : value);
    return text;
}

void check(const OFCondition& status, const std::string& path, const std::string& what) {
    if (status.bad()) throw Error(path + ": cannot " + what + " (" + status.text() + ")");
}

// The DICOM codes a tumour ROI carries: category "Morphologically Altered Structure",
// type "Neoplasm" (SNOMED CT).
CodeSequenceMacro tumourCategory() { return {"49755003", "SCT", "Morphologically Altered Structure"}; }
CodeSequenceMacro tumourType() { return {"108369006", "SCT", "Neoplasm"}; }

struct SegmentationDeleter {
    void operator()(DcmSegmentation* segmentation) const { delete segmentation; }
};
using SegmentationPtr = std::unique_ptr<DcmSegmentation, SegmentationDeleter>;

SegmentationPtr loadSegmentation(const std::string& path, DcmFileFormat& file) {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    if (file.loadFile(path.c_str()).bad()) throw Error(path + ": not a readable DICOM file");
    OFString modality;
    file.getDataset()->findAndGetOFString(DCM_Modality, modality);
    if (modality != "SEG")
        throw Error(path + ": not a DICOM SEG (modality is '" + std::string(modality.c_str()) + "')");
    DcmSegmentation* raw = nullptr;
    const OFCondition status = DcmSegmentation::loadDataset(*file.getDataset(), raw);
    SegmentationPtr segmentation(raw);
    if (status.bad() || !segmentation)
        throw Error(path + ": the segmentation could not be read (" + std::string(status.text()) + ")");
    return segmentation;
}

std::string segmentName(DcmSegment& segment) {
    OFString name;
    segment.getSegmentLabel(name);
    return name.c_str();
}

std::vector<DicomSegment> segmentsOf(DcmSegmentation& seg) {
    std::vector<DicomSegment> segments;
    for (std::size_t number = 1; number <= seg.getNumberOfSegments(); ++number) {
        DcmSegment* segment = seg.getSegment(number);
        if (!segment) continue;
        OFVector<size_t> frames;
        seg.getFramesForSegment(number, frames);
        segments.push_back({static_cast<int>(number), segmentName(*segment), frames.size()});
    }
    return segments;
}

}  // namespace

void writeDicomSeg(const LabelMap& mask, const std::vector<SegmentToExport>& segments, const SourceSeries& source,
                   const RoiExportInfo& info, const std::string& path) {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    const Geometry& g = mask.geometry;
    if (segments.empty()) throw Error(path + ": nothing to export (no segment chosen)");
    if (g.sizeXyz[0] > 65535 || g.sizeXyz[1] > 65535) throw Error(path + ": slices too large for DICOM");
    if (source.isDicom() && static_cast<std::int64_t>(source.slices.size()) != g.sizeXyz[2])
        throw Error(path + ": the source series does not have one image per slice of the mask");

    const IODGeneralEquipmentModule::EquipmentInfo equipment("DeepRadScore", "DeepRadScore Studio", "1", DRS_VERSION);
    const ContentIdentificationMacro content("1", "ROI", info.seriesDescription.c_str(), "");
    DcmSegmentation* raw = nullptr;
    check(DcmSegmentation::createBinarySegmentation(raw, static_cast<Uint16>(g.sizeXyz[1]),
                                                    static_cast<Uint16>(g.sizeXyz[0]), equipment, content),
          path, "create the segmentation");
    SegmentationPtr seg(raw);

    if (source.isDicom()) {
        check(seg->importFromSourceImage(source.firstFile.c_str()), path,
              "copy patient and study from " + source.firstFile);
    } else {
        seg->getPatient().setPatientID(info.patientId.c_str());
        seg->getPatient().setPatientName(info.patientName.c_str());
        seg->getStudy().setStudyInstanceUID(source.studyInstanceUid.c_str());
        seg->getFrameOfReference().setFrameOfReferenceUID(source.frameOfReferenceUid.c_str());
    }
    seg->getSeries().setSeriesDescription(info.seriesDescription.c_str());
    seg->getSeries().setSeriesNumber("300");

    // The grid's plane: DICOM's row direction is along index x, the column direction along y.
    FGPlaneOrientationPatient orientation;
    check(orientation.setImageOrientationPatient(decimal(g.direction[0]), decimal(g.direction[3]),
                                                 decimal(g.direction[6]), decimal(g.direction[1]),
                                                 decimal(g.direction[4]), decimal(g.direction[7])),
          path, "set the image orientation");
    FGPixelMeasures measures;
    check(measures.setPixelSpacing((decimal(g.spacingMm[1]) + "\\" + decimal(g.spacingMm[0])).c_str()), path,
          "set the pixel spacing");
    check(measures.setSliceThickness(decimal(g.spacingMm[2]).c_str()), path, "set the slice thickness");
    check(measures.setSpacingBetweenSlices(decimal(g.spacingMm[2]).c_str()), path, "set the slice spacing");
    check(seg->addForAllFrames(orientation), path, "store the image orientation");
    check(seg->addForAllFrames(measures), path, "store the pixel measures");

    const std::string dimensionUid = newDicomUid();
    auto& dimensions = seg->getDimensions();
    check(dimensions.addDimensionIndex(DCM_ReferencedSegmentNumber, dimensionUid.c_str(),
                                       DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber"),
          path, "add the segment dimension");
    check(dimensions.addDimensionIndex(DCM_ImagePositionPatient, dimensionUid.c_str(), DCM_PlanePositionSequence,
                                       "ImagePositionPatient"),
          path, "add the position dimension");

    const std::size_t sliceVoxels = static_cast<std::size_t>(g.sizeXyz[0] * g.sizeXyz[1]);
    std::vector<Uint8> frame(sliceVoxels);
    std::vector<Uint8> packed;  // every frame's bits, contiguous
    std::size_t bit = 0;
    for (const SegmentToExport& wanted : segments)
        for (std::int64_t z = 0; z < g.sizeXyz[2]; ++z) {
            const std::uint16_t* slice = mask.voxels.data() + static_cast<std::size_t>(z) * sliceVoxels;
            if (std::find(slice, slice + sliceVoxels, wanted.label) != slice + sliceVoxels) bit += sliceVoxels;
        }
    packed.assign((bit + 15) / 16 * 2, 0);  // whole bytes, even length
    bit = 0;
    for (const SegmentToExport& wanted : segments) {
        DcmSegment* segment = nullptr;
        check(DcmSegment::create(segment, wanted.name.c_str(), tumourCategory(), tumourType(), DcmSegTypes::SAT_MANUAL),
              path, "create segment '" + wanted.name + "'");
        Uint16 number = 0;
        if (seg->addSegment(segment, number).bad()) {
            delete segment;
            throw Error(path + ": cannot add segment '" + wanted.name + "'");
        }
        std::size_t frames = 0;
        for (std::int64_t z = 0; z < g.sizeXyz[2]; ++z) {
            const std::uint16_t* slice = mask.voxels.data() + static_cast<std::size_t>(z) * sliceVoxels;
            bool any = false;
            for (std::size_t i = 0; i < sliceVoxels; ++i) {
                frame[i] = slice[i] == wanted.label ? 1 : 0;
                any = any || frame[i];
            }
            if (!any) continue;
            const auto position = g.physicalPointMm(0, 0, static_cast<double>(z));
            FGPlanePosPatient planePosition;
            check(
                planePosition.setImagePositionPatient(decimal(position[0]), decimal(position[1]), decimal(position[2])),
                path, "set a frame position");
            FGFrameContent frameContent;
            check(frameContent.setDimensionIndexValues(number, 0), path, "index a frame");
            check(frameContent.setDimensionIndexValues(static_cast<Uint32>(z + 1), 1), path, "index a frame");
            OFVector<FGBase*> perFrame{&planePosition, &frameContent};
            std::unique_ptr<FGDerivationImage> derivation;
            if (source.isDicom()) {
                ImageSOPInstanceReferenceMacro reference;
                reference.setReferencedSOPClassUID(source.slices[static_cast<std::size_t>(z)].sopClassUid.c_str());
                reference.setReferencedSOPInstanceUID(
                    source.slices[static_cast<std::size_t>(z)].sopInstanceUid.c_str());
                derivation.reset(FGDerivationImage::createMinimal(
                    {reference}, "ROI drawn or imported in DeepRadScore Studio",
                    CodeSequenceMacro("113076", "DCM", "Segmentation"),
                    CodeSequenceMacro("121322", "DCM", "Source image for image processing operation")));
                if (!derivation) throw Error(path + ": cannot reference the source slice " + std::to_string(z));
                perFrame.push_back(derivation.get());
            }
            check(seg->addFrame(frame.data(), number, perFrame), path, "add a frame");
            for (std::size_t i = 0; i < sliceVoxels; ++i, ++bit)
                if (frame[i]) packed[bit / 8] |= static_cast<Uint8>(1u << (bit % 8));
            ++frames;
        }
        if (frames == 0)
            throw Error(path + ": segment '" + wanted.name + "' is empty (no voxel with label " +
                        std::to_string(wanted.label) + ")");
    }

    if (source.isDicom()) {
        IODReferences references;
        for (const auto& slice : source.slices)
            references.add(new IODImageReference("", source.studyInstanceUid.c_str(), source.seriesInstanceUid.c_str(),
                                                 slice.sopInstanceUid.c_str(), slice.sopClassUid.c_str()));
        seg->getCommonInstanceReference().addReferences(references, source.studyInstanceUid.c_str());
    }

    DcmFileFormat file;
    check(seg->writeDataset(*file.getDataset()), path, "build the SEG");
    check(file.getDataset()->putAndInsertUint8Array(DCM_PixelData, packed.data(),
                                                    static_cast<unsigned long>(packed.size())),
          path, "store the frames");
    writeAtomically(path, "the SEG", [&file](const std::string& temporary) { return saveDicomFile(file, temporary); });
}

std::vector<DicomSegment> listDicomSegments(const std::string& path) {
    DcmFileFormat file;
    return segmentsOf(*loadSegmentation(path, file));
}

LabelMap readDicomSeg(const std::string& path, const std::string& segmentName, const Geometry& grid) {
    DcmFileFormat file;
    SegmentationPtr seg = loadSegmentation(path, file);
    const std::vector<DicomSegment> segments = segmentsOf(*seg);
    if (segments.empty()) throw Error(path + ": the SEG defines no segment");

    // Which segment numbers to read, and the label each becomes.
    std::map<std::size_t, std::uint16_t> labelOf;
    if (!segmentName.empty()) {
        std::string names;
        for (const auto& segment : segments) {
            names += (names.empty() ? "'" : ", '") + segment.name + "'";
            if (segment.name == segmentName) {
                if (!labelOf.empty()) throw Error(path + ": more than one segment is named '" + segmentName + "'");
                labelOf[static_cast<std::size_t>(segment.number)] = 1;
            }
        }
        if (labelOf.empty()) throw Error(path + ": no segment named '" + segmentName + "' (segments: " + names + ")");
    } else {
        for (const auto& segment : segments)
            labelOf[static_cast<std::size_t>(segment.number)] =
                segments.size() == 1 ? 1 : static_cast<std::uint16_t>(segment.number);
    }

    Uint16 rows = 0, columns = 0;
    file.getDataset()->findAndGetUint16(DCM_Rows, rows);
    file.getDataset()->findAndGetUint16(DCM_Columns, columns);
    const bool binary = seg->getSegmentationType() == DcmSegTypes::ST_BINARY;
    Uint16 maximumFraction = 255;
    file.getDataset()->findAndGetUint16(DCM_MaximumFractionalValue, maximumFraction);
    const Uint8* pixelData = nullptr;
    unsigned long pixelBytes = 0;
    file.getDataset()->findAndGetUint8Array(DCM_PixelData, pixelData, &pixelBytes);
    const std::size_t framePixels = static_cast<std::size_t>(rows) * columns;
    const std::size_t frameCount = seg->getNumberOfFrames();
    if (!pixelData || (binary ? (framePixels * frameCount + 7) / 8 : framePixels * frameCount) > pixelBytes)
        throw Error(path + ": the pixel data is shorter than its " + std::to_string(frameCount) + " frames");

    // Patient (LPS, mm) -> continuous index on the target grid.
    Eigen::Matrix3d indexToPhysical;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) indexToPhysical(r, c) = grid.direction[r * 3 + c] * grid.spacingMm[c];
    const Eigen::Matrix3d physicalToIndex = indexToPhysical.inverse();
    const Eigen::Vector3d gridOrigin(grid.originMm[0], grid.originMm[1], grid.originMm[2]);
    const auto onGrid = [](const Eigen::Vector3d& v) {
        return (v - v.array().round().matrix()).cwiseAbs().maxCoeff() <= 0.05;
    };

    LabelMap mask(grid, 0);
    FGInterface& groups = seg->getFunctionalGroups();
    for (std::size_t frameNumber = 0; frameNumber < frameCount; ++frameNumber) {
        const auto frameNo = static_cast<Uint32>(frameNumber);
        const std::string where = path + ": frame " + std::to_string(frameNumber + 1);
        auto* segmentation = dynamic_cast<FGSegmentation*>(groups.get(frameNo, DcmFGTypes::EFG_SEGMENTATION));
        Uint16 segmentNumber = 0;
        if (!segmentation || segmentation->getReferencedSegmentNumber(segmentNumber).bad())
            throw Error(where + " names no segment");
        const auto chosen = labelOf.find(segmentNumber);
        if (chosen == labelOf.end()) continue;
        auto* position = dynamic_cast<FGPlanePosPatient*>(groups.get(frameNo, DcmFGTypes::EFG_PLANEPOSPATIENT));
        auto* orientation =
            dynamic_cast<FGPlaneOrientationPatient*>(groups.get(frameNo, DcmFGTypes::EFG_PLANEORIENTPATIENT));
        auto* measures = dynamic_cast<FGPixelMeasures*>(groups.get(frameNo, DcmFGTypes::EFG_PIXELMEASURES));
        if (!position || !orientation || !measures)
            throw Error(where + " has no image position, orientation or spacing");
        Float64 ipp[3] = {0, 0, 0}, iop[6] = {0, 0, 0, 0, 0, 0}, spacing[2] = {0, 0};
        position->getImagePositionPatient(ipp[0], ipp[1], ipp[2]);
        orientation->getImageOrientationPatient(iop[0], iop[1], iop[2], iop[3], iop[4], iop[5]);
        measures->getPixelSpacing(spacing[0], 0);
        measures->getPixelSpacing(spacing[1], 1);
        // Index of pixel (0, 0) and the index steps of one column and one row.
        const Eigen::Vector3d start = physicalToIndex * (Eigen::Vector3d(ipp[0], ipp[1], ipp[2]) - gridOrigin);
        const Eigen::Vector3d columnStep = physicalToIndex * (Eigen::Vector3d(iop[0], iop[1], iop[2]) * spacing[1]);
        const Eigen::Vector3d rowStep = physicalToIndex * (Eigen::Vector3d(iop[3], iop[4], iop[5]) * spacing[0]);
        if (!onGrid(start) || !onGrid(columnStep) || !onGrid(rowStep))
            throw Error(where + " does not lie on the image's voxel grid; is this SEG for another series?");
        const Eigen::Vector3d a = start.array().round(), c = columnStep.array().round(), r = rowStep.array().round();

        const std::size_t first = frameNumber * framePixels;
        for (Uint16 row = 0; row < rows; ++row)
            for (Uint16 column = 0; column < columns; ++column) {
                const std::size_t pixel = first + static_cast<std::size_t>(row) * columns + column;
                const bool set = binary ? (pixelData[pixel / 8] >> (pixel % 8)) & 1
                                        : 2 * static_cast<int>(pixelData[pixel]) >= maximumFraction;
                if (!set) continue;
                const Eigen::Vector3d index = a + c * column + r * row;
                const auto x = static_cast<std::int64_t>(index.x()), y = static_cast<std::int64_t>(index.y()),
                           z = static_cast<std::int64_t>(index.z());
                if (!grid.contains(x, y, z)) throw Error(where + " reaches outside the image");
                auto& voxel = mask.at(x, y, z);
                voxel = std::max(voxel, chosen->second);
            }
    }
    return mask;
}

}  // namespace drs
