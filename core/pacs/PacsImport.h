#pragma once
// Studies from a DICOMweb server into a folder or straight into a project: the engine calls behind
// `drs pacs import` and the GUI's import wizard (run them in a worker thread; see Http.h).
#include <string>
#include <vector>

#include "core/pacs/DicomWebClient.h"
#include "core/pipeline/Import.h"

namespace drs::pacs {

struct StudyRetrieval {
    std::string studyInstanceUid;
    std::string folder;         // studiesFolder/<StudyInstanceUID>
    bool retrieved = false;     // in this call
    bool alreadyThere = false;  // a complete folder from an earlier call was kept
    std::size_t instances = 0;
    std::string problem;  // why it could not be retrieved (not on the server, ...)
};

// Retrieves each study into its own sub-folder of studiesFolder, named by StudyInstanceUID: the
// layout `drs import --studies` reads. A study whose folder exists from an earlier run is kept, so
// an interrupted retrieval resumes where it stopped. A study that fails (deleted on the server,
// changed during retrieval, a server error after all retries) is reported and the others go on;
// wrong credentials or an unreachable server end the whole call with HttpError.
std::vector<StudyRetrieval> retrieveStudies(DicomWebClient& client, const std::vector<std::string>& studyUids,
                                            const std::string& studiesFolder, Progress& progress);

// Retrieves the studies into a temporary folder and imports them with importCohort (same
// checks, pseudonyms and one transaction per patient as a folder import). Studies that could not
// be retrieved are refused outcomes whose source is their StudyInstanceUID. The temporary folder
// is removed at the end.
ImportReport importStudies(project::ProjectDb& db, DicomWebClient& client, const std::vector<std::string>& studyUids,
                           const std::string& clinicalCsv, const ImportOptions& options, Progress& progress);

}  // namespace drs::pacs
