#pragma once
// A DICOMweb client (DICOM PS3.18): QIDO-RS search, WADO-RS retrieve, STOW-RS store. Tested
// against Orthanc's DICOMweb plugin; nothing in it is Orthanc-specific.
// Search results carry the server's patient identifiers: they are for the person choosing studies
// and are never written into a project (the import pseudonymises as a folder import does).
#include <cstdint>
#include <string>
#include <vector>

#include "core/pacs/Http.h"

namespace drs::pacs {

// QIDO-RS study filters; empty fields do not filter. Text may use DICOM wildcards (* and ?).
struct StudyQuery {
    std::string patientId;
    std::string patientName;
    std::string studyDate;  // YYYYMMDD or a range YYYYMMDD-YYYYMMDD (either end may be open)
    std::string modality;   // ModalitiesInStudy, e.g. CT
    std::string accessionNumber;
    std::string studyInstanceUid;
    std::string studyDescription;
    int limit = 0;  // 0: the server's own limit
    int offset = 0;
};

struct StudyMatch {
    std::string studyInstanceUid;
    std::string patientId;
    std::string patientName;
    std::string patientBirthDate;
    std::string patientSex;
    std::string studyDate;
    std::string studyTime;
    std::string studyId;
    std::string studyDescription;
    std::string accessionNumber;
    std::string referringPhysicianName;
    std::vector<std::string> modalities;
    int seriesCount = -1;  // -1: the server did not say
    int instanceCount = -1;
};

struct SeriesMatch {
    std::string seriesInstanceUid;
    std::string modality;
    std::string description;
    int seriesNumber = -1;
    int instanceCount = -1;
};

struct Retrieved {
    std::string folder;
    std::size_t instances = 0;
    std::uint64_t bytes = 0;
};

struct StoreOutcome {
    struct Failure {
        std::string file;
        std::string sopInstanceUid;
        int reason = 0;  // DICOM FailureReason, e.g. 0xA700 out of resources, 0xC000 cannot understand
    };
    std::vector<std::string> storedSopInstanceUids;
    std::vector<Failure> failures;
};

class DicomWebClient {
public:
    // progress (optional) reports retrieval and is polled for cancel.
    explicit DicomWebClient(Server server, Progress* progress = nullptr);

    std::vector<StudyMatch> searchStudies(const StudyQuery& query);
    // The study with this UID, or an HttpError with status 404 when the server has none.
    StudyMatch study(const std::string& studyInstanceUid);
    std::vector<SeriesMatch> searchSeries(const std::string& studyInstanceUid);

    // Writes every instance of the study (or of one series, seriesInstanceUid not empty) into
    // folder, one file per instance (0001.dcm, ...). The folder appears whole or not at all: files
    // go to a ".partial" sibling that is renamed at the end. Refuses an existing folder. Throws
    // HttpError (404) when the study or series is not (or no longer) on the server, and Error when
    // fewer instances arrive than expectedInstances (> 0) says the study holds.
    Retrieved retrieve(const std::string& studyInstanceUid, const std::string& seriesInstanceUid,
                       const std::string& folder, int expectedInstances = 0);

    // Sends DICOM files with one STOW-RS request (a file is read whole; SEG, RTSTRUCT and PDF
    // objects are small). Which instances the server refused is in the outcome.
    StoreOutcome store(const std::vector<std::string>& files);

    HttpSession& session() { return session_; }

private:
    HttpSession session_;
    Progress* progress_;
};

}  // namespace drs::pacs
