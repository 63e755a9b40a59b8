#include "core/roi/DicomMask.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <fstream>
#include <string_view>

#include "core/roi/DicomSeg.h"
#include "core/roi/RtStruct.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::string segFrameOfReferenceUid(const std::string& path) {
    DcmFileFormat file;
    if (file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 256).bad())
        throw Error(path + ": not a readable DICOM file");
    OFString uid;
    file.getDataset()->findAndGetOFString(DCM_FrameOfReferenceUID, uid);
    return uid.c_str();
}

}  // namespace

bool isDicomFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    char preamble[132] = {};
    return file.read(preamble, sizeof preamble) && std::string_view(preamble + 128, 4) == "DICM";
}

std::string dicomModalityOf(const std::string& path) {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    DcmFileFormat file;
    if (file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 256).bad())
        throw Error(path + ": not a readable DICOM file");
    OFString modality;
    file.getDataset()->findAndGetOFString(DCM_Modality, modality);
    return modality.c_str();
}

LabelMap readDicomMask(const std::string& path, const std::string& roiName, const Geometry& grid,
                       const std::string& imageFrameOfReferenceUid) {
    const std::string modality = dicomModalityOf(path);
    if (modality == "RTSTRUCT") return rasteriseRtStruct(path, roiName, grid, imageFrameOfReferenceUid);
    if (modality == "SEG") {
        const std::string segFrame = segFrameOfReferenceUid(path);
        if (!imageFrameOfReferenceUid.empty() && !segFrame.empty() && segFrame != imageFrameOfReferenceUid)
            throw Error(path + ": the SEG is in frame of reference " + segFrame + ", the image series is in " +
                        imageFrameOfReferenceUid + "; its frames belong to another scan's coordinates");
        return readDicomSeg(path, roiName, grid);
    }
    throw Error(path + ": a DICOM " + (modality.empty() ? std::string("file without modality") : modality) +
                " is not a mask; give a label map, an RTSTRUCT or a SEG");
}

std::vector<std::string> dicomMaskReferencedSeries(const std::string& path) {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    DcmFileFormat file;
    if (file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 256).bad())
        throw Error(path + ": not a readable DICOM file");
    std::vector<std::string> uids;
    const auto add = [&](DcmItem& item) {
        OFString uid;
        if (item.findAndGetOFString(DCM_SeriesInstanceUID, uid).good() && !uid.empty() &&
            std::find(uids.begin(), uids.end(), uid.c_str()) == uids.end())
            uids.push_back(uid.c_str());
    };
    const auto eachItem = [](DcmItem& parent, const DcmTagKey& tag, const auto& visit) {
        DcmSequenceOfItems* sequence = nullptr;
        if (parent.findAndGetSequence(tag, sequence).bad() || !sequence) return;
        for (unsigned long i = 0; i < sequence->card(); ++i) visit(*sequence->getItem(i));
    };
    DcmDataset& dataset = *file.getDataset();
    eachItem(dataset, DCM_ReferencedFrameOfReferenceSequence, [&](DcmItem& frame) {
        eachItem(frame, DCM_RTReferencedStudySequence,
                 [&](DcmItem& study) { eachItem(study, DCM_RTReferencedSeriesSequence, add); });
    });
    eachItem(dataset, DCM_ReferencedSeriesSequence, add);
    return uids;
}

std::vector<DicomRoiFile> describeDicomRoiFiles(const std::vector<std::string>& paths) {
    std::vector<DicomRoiFile> files;
    for (const std::string& path : paths) {
        DicomRoiFile file;
        try {
            file.modality = dicomModalityOf(path);
            file.roiNames = dicomMaskRoiNames(path);
            file.seriesUids = dicomMaskReferencedSeries(path);
        } catch (const Error& e) {
            file = DicomRoiFile{};
            file.problem = e.what();
        }
        file.path = path;
        files.push_back(std::move(file));
    }
    return files;
}

std::vector<std::string> dicomMaskRoiNames(const std::string& path) {
    std::vector<std::string> names;
    if (dicomModalityOf(path) == "SEG") {
        for (const auto& segment : listDicomSegments(path)) names.push_back(segment.name);
    } else {
        for (const auto& roi : listRtStructRois(path))
            if (roi.contourCount > 0) names.push_back(roi.name);
    }
    return names;
}

}  // namespace drs
