#pragma once
// A DICOM folder holding two image series, each in a subfolder, as a study exported with a scout
// or a second reconstruction is: full/ the IBSI CT phantom's 60 slices as they are, part/ its
// first three slices under another SeriesInstanceUID (and SeriesDescription, when given).
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <filesystem>
#include <string>

namespace drs::test {

// The phantom's own SeriesInstanceUID, the series in full/.
inline const std::string kPhantomSeriesUid = "1.3.6.1.4.1.9590.100.1.2.296658988911737913102339329841519593982";

// Returns false when a slice cannot be read or written.
inline bool writeTwoSeriesFolder(const std::string& phantom, const std::string& root, const std::string& partUid,
                                 const std::string& partDescription = {}) {
    namespace fs = std::filesystem;
    fs::create_directories(root + "/full");
    fs::create_directories(root + "/part");
    for (const auto& entry : fs::directory_iterator(phantom + "/dicom/image")) {
        const std::string name = entry.path().filename().string();
        fs::copy_file(entry.path(), root + "/full/" + name);
        if (name > "DCM_IMG_00002.dcm") continue;
        DcmFileFormat file;
        if (file.loadFile(entry.path().c_str()).bad()) return false;
        file.getDataset()->putAndInsertString(DCM_SeriesInstanceUID, partUid.c_str());
        if (!partDescription.empty())
            file.getDataset()->putAndInsertString(DCM_SeriesDescription, partDescription.c_str());
        if (file.saveFile((root + "/part/" + name).c_str()).bad()) return false;
    }
    return true;
}

}  // namespace drs::test
