#include "core/roi/DicomSource.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/oflog/oflog.h>

#include <cmath>

#include "core/image/DicomScan.h"
#include "core/image/ImageIO.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::string text(DcmDataset& dataset, const DcmTagKey& tag) {
    OFString value;
    dataset.findAndGetOFStringArray(tag, value);
    return value.c_str();
}

}  // namespace

std::string newDicomUid() {
    char uid[100];
    dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
    return uid;
}

SourceSeries sourceSeriesOf(const std::string& studyPath, const Geometry& grid, const std::string& seriesInstanceUid) {
    SourceSeries source;
    if (!isDirectory(studyPath)) {
        source.studyInstanceUid = newDicomUid();
        source.frameOfReferenceUid = newDicomUid();
        return source;
    }
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    const auto series = scanDicomFolder(studyPath).series;
    const ScannedSeries* chosen = nullptr;
    for (const auto& candidate : series)
        if (seriesInstanceUid.empty() ? series.size() == 1 : candidate.seriesInstanceUid == seriesInstanceUid)
            chosen = &candidate;
    if (!chosen) throw Error(studyPath + ": cannot tell which DICOM series the ROI belongs to");
    const auto& files = chosen->filesInSliceOrder;
    if (static_cast<std::int64_t>(files.size()) != grid.sizeXyz[2])
        throw Error(studyPath + ": the series has " + std::to_string(files.size()) + " files for " +
                    std::to_string(grid.sizeXyz[2]) + " slices; export needs one file per slice");
    source.firstFile = files.front();
    for (std::size_t z = 0; z < files.size(); ++z) {
        DcmFileFormat file;
        if (file.loadFile(files[z].c_str(), EXS_Unknown, EGL_noChange, 1024).bad())
            throw Error(files[z] + ": not a readable DICOM file");
        DcmDataset& dataset = *file.getDataset();
        if (z == 0) {
            source.studyInstanceUid = text(dataset, DCM_StudyInstanceUID);
            source.seriesInstanceUid = text(dataset, DCM_SeriesInstanceUID);
            source.frameOfReferenceUid = text(dataset, DCM_FrameOfReferenceUID);
        }
        // The slice must sit where the grid says slice z is: the references follow the grid.
        Float64 position[3] = {0, 0, 0};
        for (unsigned long a = 0; a < 3; ++a) dataset.findAndGetFloat64(DCM_ImagePositionPatient, position[a], a);
        const auto expected = grid.physicalPointMm(0, 0, static_cast<double>(z));
        for (int a = 0; a < 3; ++a)
            if (std::abs(position[a] - expected[a]) > 0.01 + 1e-3 * grid.spacingMm[2])
                throw Error(files[z] + ": its image position does not match slice " + std::to_string(z) +
                            " of the study's grid");
        source.slices.push_back({text(dataset, DCM_SOPClassUID), text(dataset, DCM_SOPInstanceUID)});
    }
    if (source.frameOfReferenceUid.empty()) source.frameOfReferenceUid = newDicomUid();
    return source;
}

}  // namespace drs
