#include "core/pipeline/Import.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "core/image/DicomScan.h"
#include "core/image/ImageIO.h"
#include "core/image/Pseudonym.h"
#include "core/pipeline/ExternalCohort.h"
#include "core/pipeline/IdentifierColumns.h"
#include "core/project/Cohort.h"
#include "core/roi/DicomMask.h"
#include "core/roi/MaskFile.h"
#include "core/roi/SlicerSegmentation.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "core/util/Parallel.h"
#include "core/util/TemporaryName.h"

namespace drs {

namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// One patient's row of the clinical CSV, already checked.
struct ClinicalRow {
    std::size_t line = 0;  // 1-based file line
    std::string patientId;
    std::string centre;
    std::vector<std::pair<std::string, std::string>> values;  // non-endpoint columns
    std::vector<std::pair<std::string, int>> labels;          // endpoint -> 0/1 (unknown ones absent)
    std::string problem;                                      // non-empty: the patient is refused
    bool matched = false;                                     // a study folder claimed it
};

struct ClinicalTable {
    std::vector<std::string> endpoints;    // endpoint columns present, in CSV order
    std::vector<std::string> variables;    // the clinical columns imported (centre and covariates), in CSV order
    std::vector<std::string> identifiers;  // columns dropped as patient identifiers by header, in CSV order
    // Columns dropped because their values identify patients: "'dx_date' (12 of 12 values are calendar dates)".
    std::vector<std::string> identifyingValues;
    std::vector<std::string> undeclared;  // columns not declared as covariates, so not imported
    std::map<std::string, ClinicalRow> byPatient;
    std::vector<ClinicalRow> unnamedRows;  // rows without a patient id
};

// covariates: the declared columns; checkDeclared: each must be a column of the file (an external
// cohort's missing columns are reported by openExternalCohort instead).
ClinicalTable readClinical(const std::string& path, const std::vector<std::string>& covariates, bool checkDeclared) {
    const CsvTable csv = readCsv(path);
    const std::string fileName = fs::u8path(path).filename().string();
    std::vector<std::string> header;
    for (const auto& name : csv.header) header.push_back(trimmed(name));
    const auto idColumn = std::find(header.begin(), header.end(), "patient_id");
    if (idColumn == header.end()) throw Error(path + ": no patient_id column");
    const std::size_t idIndex = static_cast<std::size_t>(idColumn - header.begin());
    const std::set<std::string> endpointNames(importEndpointColumns().begin(), importEndpointColumns().end());

    if (checkDeclared)
        for (const auto& name : covariates)
            if (std::find(header.begin(), header.end(), name) == header.end())
                throw Error(path + ": covariate '" + name + "' is not a column of this file");
    std::vector<std::string> patientIds;
    for (const auto& row : csv.rows) patientIds.push_back(trimmed(row[idIndex]));

    ClinicalTable table;
    std::set<std::string> imported;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string& name = header[c];
        if (c == idIndex) continue;
        if (endpointNames.count(name)) {
            table.endpoints.push_back(name);
            continue;
        }
        if (isIdentifierHeader(name)) {
            table.identifiers.push_back(name);
            continue;
        }
        const bool declared = name == "centre" || std::count(covariates.begin(), covariates.end(), name) > 0;
        if (!declared) {
            table.undeclared.push_back(name);
            continue;
        }
        std::vector<std::string> cells;
        for (const auto& row : csv.rows) cells.push_back(trimmed(row[c]));
        const std::string identifying = identifyingContent(cells, patientIds);
        if (!identifying.empty()) {
            table.identifyingValues.push_back("'" + name + "' (" + identifying + ")");
            continue;
        }
        table.variables.push_back(name);
        imported.insert(name);
    }
    std::map<std::string, std::vector<std::size_t>> linesOfId;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        ClinicalRow row;
        row.line = r + 2;
        row.patientId = trimmed(csv.rows[r][idIndex]);
        for (std::size_t c = 0; c < header.size(); ++c) {
            if (c == idIndex) continue;
            const std::string cell = trimmed(csv.rows[r][c]);
            if (endpointNames.count(header[c])) {
                if (cell.empty() || cell == "NA" || cell == "na") continue;
                if (cell == "0" || cell == "1") {
                    row.labels.emplace_back(header[c], cell == "1" ? 1 : 0);
                } else if (row.problem.empty()) {
                    row.problem = fileName + " line " + std::to_string(row.line) + ": " + header[c] + " = '" + cell +
                                  "' is not a label (0, 1 or empty)";
                }
            } else if (!cell.empty() && imported.count(header[c])) {
                row.values.emplace_back(header[c], cell);
                if (header[c] == "centre") row.centre = cell;
            }
        }
        if (row.patientId.empty()) {
            row.problem = fileName + " line " + std::to_string(row.line) + ": empty patient_id";
            table.unnamedRows.push_back(std::move(row));
            continue;
        }
        linesOfId[row.patientId].push_back(row.line);
        if (!table.byPatient.count(row.patientId)) table.byPatient.emplace(row.patientId, std::move(row));
    }
    for (const auto& [id, lines] : linesOfId) {
        if (lines.size() < 2) continue;
        std::string list;
        for (auto line : lines) list += (list.empty() ? "" : ", ") + std::to_string(line);
        table.byPatient[id].problem = fileName + ": duplicate patient id (lines " + list + ")";
    }
    return table;
}

bool endsWith(const std::string& text, const std::string& tail) {
    return text.size() > tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// "image.nii.gz", "ct_image.nrrd", "mask.seg.nrrd", ...: the role's file of an image/mask pair.
bool isImageFileName(const std::string& name, const std::string& role) {
    static const std::vector<std::string> extensions = {".seg.nrrd", ".nii.gz", ".nii", ".nrrd",
                                                        ".nhdr",     ".mha",    ".mhd"};
    const std::string n = lower(name);
    for (const auto& ext : extensions) {
        if (!endsWith(n, ext)) continue;
        const std::string stem = n.substr(0, n.size() - ext.size());
        return stem == role || (stem.size() > role.size() + 1 &&
                                stem.compare(stem.size() - role.size() - 1, std::string::npos, "_" + role) == 0);
    }
    return false;
}

struct DicomHeader {
    std::string modality, patientId, patientName, seriesInstanceUid;
};

std::optional<DicomHeader> readDicomHeader(const fs::path& file) {
    DcmFileFormat format;
    if (format
            .loadFileUntilTag(file.string().c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect,
                              DCM_PixelData)
            .bad())
        return std::nullopt;
    DcmDataset* ds = format.getDataset();
    auto get = [ds](const DcmTagKey& tag) {
        OFString value;
        ds->findAndGetOFString(tag, value);
        return trimmed(value.c_str());
    };
    return DicomHeader{get(DCM_Modality), get(DCM_PatientID), get(DCM_PatientName), get(DCM_SeriesInstanceUID)};
}

// A study folder's ROI file.
struct RoiFile {
    std::string path;
    std::string type;  // "rtstruct", "seg" (DICOM SEG) or "seg.nrrd" (3D Slicer), as --roi-file-type names them
};

// What one study folder holds, before anything is loaded.
struct StudySource {
    std::string folder;
    std::string name;       // folder name, for the report
    std::string patientId;  // raw: DICOM PatientID or the folder name
    bool dicom = false;
    std::string seriesFolder, seriesUid;
    std::string note;  // how the image series or the ROI file was chosen among several
    std::vector<std::string> seriesFiles;
    std::vector<RoiFile> roiFiles;    // RTSTRUCT, SEG or 3D Slicer .seg.nrrd beside the series
    std::string roiFile;              // the one imported (chooseRoiFile)
    std::string imagePath, maskPath;  // image/mask pair
    std::string problem;
};

// "RTSTRUCT/1-1.dcm (rtstruct), SEG/1-1.dcm (seg)", relative to the study folder.
std::string roiFileList(const std::vector<const RoiFile*>& files, const std::string& folder) {
    std::string list;
    for (const RoiFile* file : files)
        list +=
            (list.empty() ? "" : ", ") + fs::relative(file->path, folder).generic_string() + " (" + file->type + ")";
    return list;
}

// The ROI file to import among a study folder's: of the type options ask for, and when several are
// left, the one defining the ROI options name. None or several left is the folder's problem, naming
// its files. A folder without ROI files is left to the caller, which refuses it.
void chooseRoiFile(StudySource& source, const ImportOptions& options) {
    if (source.roiFiles.empty()) return;
    std::vector<const RoiFile*> left, all;
    for (const RoiFile& file : source.roiFiles) {
        all.push_back(&file);
        if (options.roiFileType.empty() || file.type == options.roiFileType) left.push_back(&file);
    }
    if (left.size() > 1 && !options.roiName.empty()) {
        std::vector<const RoiFile*> named;
        for (const RoiFile* file : left) {
            const std::vector<std::string> names = maskRoiNames(file->path);
            if (std::count(names.begin(), names.end(), options.roiName) > 0) named.push_back(file);
        }
        left = named;
    }
    const std::string files = std::to_string(all.size()) + (all.size() == 1 ? " ROI file (" : " ROI files (") +
                              roiFileList(all, source.folder) + ")";
    const std::string typed = options.roiFileType.empty() ? "" : " of type " + options.roiFileType;
    const std::string named = options.roiName.empty() ? "" : " defining the ROI '" + options.roiName + "'";
    if (left.empty()) {
        source.problem = "holds " + files + ", " + (all.size() == 1 ? "not" : "none of them") + typed +
                         (typed.empty() || named.empty() ? "" : " and") + named;
        return;
    }
    if (left.size() > 1) {
        source.problem = "holds " + std::to_string(left.size()) + " ROI files" + typed + named + " (" +
                         roiFileList(left, source.folder) + "); choose one with " +
                         (options.roiName.empty() ? "--roi NAME or " : "") +
                         "--roi-file-type rtstruct, seg or seg.nrrd";
        return;
    }
    source.roiFile = left.front()->path;
    if (all.size() > 1)
        source.note = "ROI file " + roiFileList(left, source.folder) + "; " + std::to_string(all.size() - 1) +
                      " other ROI file" + (all.size() > 2 ? "s" : "") + " left out";
}

StudySource discoverStudy(const fs::path& folder, const ImportOptions& options) {
    StudySource source;
    source.folder = folder.string();
    source.name = folder.filename().string();
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, error), end; it != end && !error; it.increment(error))
        if (it->is_regular_file()) files.push_back(it->path());
    std::sort(files.begin(), files.end());

    std::vector<fs::path> images, masks;
    for (const auto& file : files) {
        if (isImageFileName(file.filename().string(), "image")) images.push_back(file);
        if (isImageFileName(file.filename().string(), "mask")) masks.push_back(file);
    }
    if (!images.empty()) {
        if (images.size() > 1 || masks.size() > 1) {
            source.problem = "holds " + std::to_string(images.size()) + " image and " + std::to_string(masks.size()) +
                             " mask files; one pair per study folder is expected";
            return source;
        }
        source.patientId = source.name;
        source.imagePath = images.front().string();
        if (!masks.empty()) source.maskPath = masks.front().string();
        return source;
    }

    source.dicom = true;
    // Headers first, so even a study whose series cannot be read is reported under its patient.
    for (const auto& file : files) {
        if (isSlicerSegmentationFileName(file.filename().string())) {
            source.roiFiles.push_back({file.string(), "seg.nrrd"});
            continue;
        }
        const auto header = readDicomHeader(file);
        if (!header) continue;
        if (header->modality == "RTSTRUCT" || header->modality == "SEG")  // the ROI, as contours or frames
            source.roiFiles.push_back({file.string(), lower(header->modality)});
        else if (source.patientId.empty())
            source.patientId = header->patientId;
    }
    try {
        chooseRoiFile(source, options);
    } catch (const Error& e) {
        source.problem = e.what();
    }
    if (!source.problem.empty()) return source;
    std::vector<ScannedSeries> series;
    try {
        series = scanDicomFolder(source.folder).series;
    } catch (const Error& e) {
        source.problem = std::string("unreadable DICOM: ") + e.what();
        return source;
    }
    if (series.empty()) {
        source.problem = "no image found (no DICOM image series and no image/mask pair)";
        return source;
    }
    const ScannedSeries* image = &series.front();
    if (series.size() > 1) {
        // A study exported with a scout or a second reconstruction: the ROI file names its series.
        std::vector<std::string> referencedUids;
        try {
            if (!source.roiFile.empty() && isDicomFile(source.roiFile))
                referencedUids = dicomMaskReferencedSeries(source.roiFile);
        } catch (const Error& e) {
            source.problem = e.what();
            return source;
        }
        const std::vector<const ScannedSeries*> referenced = seriesNamed(series, referencedUids);
        if (referenced.size() != 1) {
            source.problem = "holds " + std::to_string(series.size()) + " DICOM image series and " +
                             (referenced.empty() ? "its ROI file references none of them"
                                                 : "its ROI file references " + std::to_string(referenced.size())) +
                             "; one image series per study folder, or an RTSTRUCT or SEG naming one, is expected";
            return source;
        }
        image = referenced.front();
        source.note = "image series " + image->seriesInstanceUid + ", the one the ROI file references; " +
                      std::to_string(series.size() - 1) + " other series left out" +
                      (source.note.empty() ? "" : "; " + source.note);
    }
    source.seriesUid = image->seriesInstanceUid;
    source.seriesFiles = image->filesInSliceOrder;
    const fs::path seriesFolder = fs::path(source.seriesFiles.front()).parent_path();
    for (const auto& file : source.seriesFiles)
        if (fs::path(file).parent_path() != seriesFolder) {
            source.problem = "the image series is spread over several folders";
            return source;
        }
    source.seriesFolder = seriesFolder.string();
    const auto header = readDicomHeader(source.seriesFiles.front());
    if (!header || header->patientId.empty()) {
        source.problem = "the DICOM series has no PatientID";
        return source;
    }
    source.patientId = header->patientId;
    for (const RoiFile& rt : source.roiFiles) {
        const auto rtHeader = readDicomHeader(rt.path);
        if (rtHeader && rtHeader->patientId != source.patientId) {
            source.problem =
                fs::path(rt.path).filename().string() + " belongs to another patient than the image series";
            return source;
        }
    }
    return source;
}

std::string sourceHash(const StudySource& source) {
    if (!source.dicom) return sha256File(source.imagePath);
    std::string hashes;
    for (const auto& file : source.seriesFiles) hashes += sha256File(file);
    return sha256(hashes);
}

// The study loaded and checked, ready to be stored.
struct LoadedStudy {
    Volume image;
    LabelMap mask;
    std::string roiName, roiKind, roiSourceHash;
    std::size_t roiVoxels = 0;
    std::string imageNote;  // what was done to the image as read
};

LoadedStudy loadStudy(const StudySource& source, const ImportOptions& options) {
    LoadedStudy study;
    ReadOptions read;
    read.seriesInstanceUid = source.seriesUid;
    StudyInfo info;
    study.image = readVolume(source.dicom ? source.seriesFolder : source.imagePath, read, &info);
    if (info.largestSliceShiftMm > 0) {
        char note[160];
        std::snprintf(note, sizeof note,
                      "gantry tilt %.1f degrees: each slice placed where it was acquired (moved up to %.1f mm "
                      "within its plane, bilinear)",
                      info.gantryTiltDegrees, info.largestSliceShiftMm);
        study.imageNote = note;
    }
    const std::string& roiFile = source.dicom ? source.roiFile : source.maskPath;
    // A file that names its ROIs is read by name; a plain label map by value, options.roiName naming it.
    const std::vector<std::string> names = maskRoiNames(roiFile);
    if (options.roiName.empty() && names.size() > 1)
        throw Error(roiFile + ": holds " + std::to_string(names.size()) + " ROIs; choose one with --roi");
    MaskOnGrid mask = readMaskOnGrid(roiFile, names.empty() ? std::string() : options.roiName, study.image.geometry,
                                     info.frameOfReferenceUid);
    study.mask = std::move(mask.labels);
    study.roiKind = mask.kind;
    study.roiSourceHash = sha256File(roiFile);
    study.roiName = !options.roiName.empty() ? options.roiName
                    : !names.empty()         ? names.front()
                                             : "label " + std::to_string(options.maskLabel);
    for (auto& voxel : study.mask.voxels) {
        voxel = (mask.oneRoi ? voxel != 0 : voxel == options.maskLabel) ? 1 : 0;
        study.roiVoxels += voxel;
    }
    if (study.roiVoxels == 0)
        throw Error("the ROI is empty (no voxel with label " + std::to_string(options.maskLabel) + ")");
    return study;
}

std::string sourceKindOf(const StudySource& source) {
    if (source.dicom) return "dicom";
    const std::string name = lower(source.imagePath);
    if (name.find(".nii") != std::string::npos) return "nifti";
    if (name.find(".nrrd") != std::string::npos || name.find(".nhdr") != std::string::npos) return "nrrd";
    return "other";
}

std::string fileSafe(const std::string& text) {
    std::string safe;
    for (unsigned char c : text) safe += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(c) : '_';
    return safe;
}

struct StoredFile {
    std::string relativePath;
    fs::path staged, published;
    std::string sha256;
};

// Records the patient and publishes its files in one transaction. The files were written under names
// of this process only; they are moved onto the pseudonym's names while the transaction holds the
// write lock, after checking that no other import committed the patient first, so a file is replaced
// only when no committed row refers to it. Renaming before the commit means a crash in between
// leaves an unreferenced file, never a row without its file.
void recordPatient(project::ProjectDb& db, const StudySource& source, const ClinicalRow& clinical,
                   const std::vector<std::string>& endpoints, const LoadedStudy& study, const std::string& pseudonym,
                   const std::string& sourceSha256, std::vector<StoredFile>& stored, std::int64_t cohortId) {
    project::Transaction transaction(db);
    std::vector<const StoredFile*> published;
    try {
        project::CohortRepository cohort(db);
        if (cohort.findPatient(pseudonym)) throw Error("the patient is already in the project");
        const auto patientId = cohort.addPatient(pseudonym, clinical.centre, cohortId);
        for (const auto& [name, value] : clinical.values) cohort.setClinicalValue(patientId, name, value);
        for (const auto& endpoint : endpoints) cohort.ensureEndpoint(endpoint);
        for (const auto& [endpoint, label] : clinical.labels) cohort.setLabel(patientId, endpoint, label);
        project::StudyRow row;
        row.patientId = patientId;
        row.modality = "CT";
        row.sourceKind = sourceKindOf(source);
        row.sourceSha256 = sourceSha256;
        row.imagePath = stored[0].relativePath;
        row.imageSha256 = stored[0].sha256;
        row.sizeXyz = study.image.geometry.sizeXyz;
        row.spacingMm = study.image.geometry.spacingMm;
        const auto studyId = cohort.addStudy(row);
        project::RoiRow roi;
        roi.studyId = studyId;
        roi.name = study.roiName;
        roi.sourceKind = study.roiKind;
        roi.sourceSha256 = study.roiSourceHash;
        roi.maskPath = stored[1].relativePath;
        roi.maskSha256 = stored[1].sha256;
        roi.voxelCount = static_cast<std::int64_t>(study.roiVoxels);
        cohort.addRoi(roi);
        for (const auto& file : stored) {
            std::error_code error;
            fs::rename(file.staged, file.published, error);
            if (error) throw Error(file.published.string() + ": cannot publish the file: " + error.message());
            published.push_back(&file);
        }
        transaction.commit();
    } catch (const project::CommitOutcomeUnknown&) {
        throw;  // the rows may have been committed: their files stay
    } catch (...) {
        // Still inside the transaction: no other import can have published these names since.
        std::error_code ignored;
        for (const auto* file : published) fs::remove(file->published, ignored);
        throw;
    }
}

// A study read and checked and, unless previewing, written under this process's temporary names,
// ready to be recorded. Its temporary files go with it: recording moves them to their published
// names, and whatever was not published is removed, whichever way the import ends.
struct PreparedStudy {
    LoadedStudy study;
    std::vector<StoredFile> stored;
    std::string sourceSha256;

    PreparedStudy() = default;
    PreparedStudy(const PreparedStudy&) = delete;
    PreparedStudy& operator=(const PreparedStudy&) = delete;
    ~PreparedStudy() {
        std::error_code ignored;
        for (const auto& file : stored) fs::remove(file.staged, ignored);
    }
};

// The work of one study that needs no database: it runs for several studies side by side.
std::unique_ptr<PreparedStudy> prepareStudy(const StudySource& source, const ImportOptions& options,
                                            const fs::path& filesFolder, const std::string& pseudonym) {
    auto prepared = std::make_unique<PreparedStudy>();
    prepared->study = loadStudy(source, options);
    if (options.dryRun) return prepared;
    // Uncompressed image: gzip of noisy CT costs ~0.5 s per study, the pipeline reads it many times.
    prepared->stored.resize(2);
    prepared->stored[0].relativePath = "images/" + pseudonym + ".nii";
    prepared->stored[1].relativePath = "masks/" + pseudonym + "_" + fileSafe(prepared->study.roiName) + ".nii.gz";
    for (auto& file : prepared->stored) {
        file.published = filesFolder / file.relativePath;
        file.staged = fs::u8path(temporarySibling(file.published.string(), "staged"));
    }
    writeVolume(prepared->study.image, prepared->stored[0].staged.string());
    writeLabelMap(prepared->study.mask, prepared->stored[1].staged.string());
    for (auto& file : prepared->stored) file.sha256 = sha256File(file.staged.string());
    prepared->sourceSha256 = sourceHash(source);
    return prepared;
}

// One study folder on its way through the import.
struct FolderImport {
    StudySource source;
    ImportOutcome outcome;
    const ClinicalRow* clinical = nullptr;  // set once every check that needs no reading has passed
    std::string pseudonym;
    std::unique_ptr<PreparedStudy> prepared;  // set once the study was read (and written) without a problem
};

// Stores the prepared patient, retrying with a bounded backoff while another process holds the
// project's write lock, and after a lost connection to the database server.
void storePatient(project::ProjectDb& db, const StudySource& source, const ClinicalRow& clinical,
                  const std::vector<std::string>& endpoints, PreparedStudy& prepared, const std::string& pseudonym,
                  std::int64_t cohortId) {
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        try {
            recordPatient(db, source, clinical, endpoints, prepared.study, pseudonym, prepared.sourceSha256,
                          prepared.stored, cohortId);
            return;
        } catch (const project::DatabaseBusy& busy) {
            if (attempt == kAttempts)
                throw project::DatabaseBusy(std::string(busy.what()) + " (tried " + std::to_string(kAttempts) +
                                            " times)");
            // Each attempt already waited the busy timeout; back off before competing again.
            std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
        } catch (const project::ConnectionLost&) {
            // The server restarted under the transaction and kept nothing of it; the next
            // attempt reconnects first (within the project's reconnect bound). Inside a caller's
            // transaction (an all-or-nothing import) that transaction is gone: nothing to retry.
            if (attempt == kAttempts || db.transactionDepth() > 0) throw;
        }
    }
}

}  // namespace

const std::vector<std::string>& importEndpointColumns() {
    static const std::vector<std::string> names = {"LVI", "PI",   "T4",     "EGFR", "KRAS",
                                                   "ALK", "TP53", "PIK3CA", "ROS1", "PD1_PDL1"};
    return names;
}

std::size_t ImportReport::acceptedCount() const {
    return static_cast<std::size_t>(
        std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.accepted; }));
}

std::size_t ImportReport::refusedCount() const { return outcomes.size() - acceptedCount(); }

std::size_t ImportReport::transientCount() const {
    return static_cast<std::size_t>(
        std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.transient; }));
}

CsvTable ImportReport::table() const {
    CsvTable table;
    table.header = {"status", "source", "patient_id", "pseudonym", "reason", "note"};
    for (const auto& o : outcomes)
        table.rows.push_back(
            {o.accepted ? "accepted" : "refused", o.source, o.patientId, o.pseudonym, o.reason, o.note});
    return table;
}

ImportReport importCohort(project::ProjectDb& db, const std::string& studiesFolder, const std::string& clinicalCsv,
                          const ImportOptions& options, Progress& progress) {
    if (!isDirectory(studiesFolder)) throw Error(studiesFolder + ": not a folder of studies");
    if (!options.roiFileType.empty() && options.roiFileType != "rtstruct" && options.roiFileType != "seg" &&
        options.roiFileType != "seg.nrrd")
        throw Error("the ROI file type must be rtstruct, seg or seg.nrrd (got '" + options.roiFileType + "')");
    // An external cohort is declared by the project: the clinical columns its development cohort has.
    const bool projectDeclares = !options.externalCohort.empty() && options.covariates.empty();
    ClinicalTable clinical = readClinical(
        clinicalCsv, projectDeclares ? project::CohortRepository(db).clinicalVariableNames() : options.covariates,
        !projectDeclares);
    // DCMTK reports every oddity of a header on the console; import reports problems itself.
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    const SiteKey key = loadSiteKey(options.keyFile);
    db.requirePseudonymKey(key.id(), !options.dryRun);
    const std::string csvName = fs::u8path(clinicalCsv).filename().string();
    const std::int64_t cohortId =
        options.externalCohort.empty()
            ? project::kDevelopmentCohort
            : openExternalCohort(db, options.externalCohort, clinical.endpoints, clinical.variables, clinicalCsv);

    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(fs::u8path(studiesFolder)))
        if (entry.is_directory()) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());

    ImportReport report;
    std::set<std::string> studiedPatients;
    project::CohortRepository cohort(db);
    const fs::path filesFolder = fs::u8path(db.filesFolder());
    if (!options.dryRun) {
        std::error_code error;
        fs::create_directories(filesFolder / "images", error);
        fs::create_directories(filesFolder / "masks", error);
        if (error) throw Error(db.filesFolder() + ": cannot create the project's files folder: " + error.message());
    }
    // Reading, checking and writing a study's files runs for a batch of studies side by side; the
    // checks that depend on earlier studies and every database write run on this thread, in folder
    // order, so the outcome does not depend on the thread count.
    const int threads = options.threads > 0 ? options.threads : hardwareThreads();
    for (std::size_t first = 0; first < folders.size(); first += static_cast<std::size_t>(threads)) {
        const int count = static_cast<int>(std::min(folders.size() - first, static_cast<std::size_t>(threads)));
        const auto batch = [first](auto k) { return first + static_cast<std::size_t>(k); };
        std::vector<FolderImport> entries(static_cast<std::size_t>(count));
        parallelFor(count, threads, &progress, [&](int k) {
            entries[static_cast<std::size_t>(k)].source = discoverStudy(folders[batch(k)], options);
        });

        for (auto& entry : entries) {
            const StudySource& source = entry.source;
            ImportOutcome& outcome = entry.outcome;
            outcome.source = source.name;
            outcome.patientId = source.patientId;
            auto row = clinical.byPatient.find(source.patientId);
            if (!source.problem.empty()) {
                if (row != clinical.byPatient.end()) row->second.matched = true;
                outcome.reason = source.problem;
                continue;
            }
            if (row == clinical.byPatient.end()) {
                outcome.reason = "unknown patient id: not in " + csvName;
                continue;
            }
            row->second.matched = true;
            if (!row->second.problem.empty()) {
                outcome.reason = row->second.problem;
                continue;
            }
            if (!studiedPatients.insert(source.patientId).second) {
                outcome.reason = "another study folder of the same patient was already imported";
                continue;
            }
            entry.pseudonym = pseudonymise(source.patientId, key);
            if (cohort.findPatient(entry.pseudonym)) {
                outcome.reason = "the patient is already in the project";
                continue;
            }
            if ((source.dicom && source.roiFiles.empty()) || (!source.dicom && source.maskPath.empty())) {
                outcome.reason = "study without ROI (no RTSTRUCT, SEG or 3D Slicer .seg.nrrd, and no mask file)";
                continue;
            }
            entry.clinical = &row->second;
        }

        parallelFor(count, threads, &progress, [&](int k) {
            FolderImport& entry = entries[static_cast<std::size_t>(k)];
            if (!entry.clinical) return;
            try {
                entry.prepared = prepareStudy(entry.source, options, filesFolder, entry.pseudonym);
            } catch (const Error& e) {
                entry.outcome.reason = e.what();
            }
        });

        for (std::size_t k = 0; k < entries.size(); ++k) {
            progress.step(static_cast<double>(batch(k)) / static_cast<double>(folders.size()),
                          "importing study " + std::to_string(batch(k) + 1) + " of " + std::to_string(folders.size()));
            FolderImport& entry = entries[k];
            ImportOutcome& outcome = entry.outcome;
            if (entry.prepared) {
                try {
                    if (!options.dryRun)
                        storePatient(db, entry.source, *entry.clinical, clinical.endpoints, *entry.prepared,
                                     entry.pseudonym, cohortId);
                    const LoadedStudy& study = entry.prepared->study;
                    outcome.pseudonym = entry.pseudonym;
                    outcome.roiName = study.roiName;
                    outcome.roiVoxels = study.roiVoxels;
                    outcome.sizeXyz = study.image.geometry.sizeXyz;
                    outcome.note = entry.source.note.empty() || study.imageNote.empty()
                                       ? entry.source.note + study.imageNote
                                       : entry.source.note + "; " + study.imageNote;
                    outcome.accepted = true;
                } catch (const project::DatabaseBusy& e) {
                    outcome.transient = true;
                    outcome.reason = std::string("the project was busy; import this patient again: ") + e.what();
                } catch (const Error& e) {
                    outcome.reason = e.what();
                }
                entry.prepared.reset();
            }
            report.outcomes.push_back(outcome);
        }
    }
    for (auto& [id, row] : clinical.byPatient) {
        if (row.matched) continue;
        ImportOutcome outcome;
        outcome.source = csvName + " line " + std::to_string(row.line);
        outcome.patientId = id;
        outcome.reason = row.problem.empty()
                             ? "no study folder for this patient in " + fs::u8path(studiesFolder).filename().string()
                             : row.problem;
        report.outcomes.push_back(outcome);
    }
    for (const auto& row : clinical.unnamedRows) {
        ImportOutcome outcome;
        outcome.source = csvName + " line " + std::to_string(row.line);
        outcome.reason = row.problem;
        report.outcomes.push_back(outcome);
    }

    if (cohortId != project::kDevelopmentCohort && report.acceptedCount() == 0) dropEmptyExternalCohort(db, cohortId);
    if (clinical.endpoints.empty()) {
        std::string names;
        for (const auto& name : importEndpointColumns()) names += (names.empty() ? "" : ", ") + name;
        report.warnings.push_back(csvName + ": no endpoint column (" + names +
                                  "); its patients have no label, so no model can be trained on them");
    }
    if (!clinical.identifiers.empty()) {
        std::string list;
        for (const auto& name : clinical.identifiers) list += (list.empty() ? "'" : ", '") + name + "'";
        report.warnings.push_back(csvName + ": column(s) " + list +
                                  " identify patients (names, birth dates, addresses, record numbers) and were "
                                  "not imported");
    }
    if (!clinical.identifyingValues.empty()) {
        std::string list;
        for (const auto& column : clinical.identifyingValues) list += (list.empty() ? "" : ", ") + column;
        report.warnings.push_back(csvName + ": column(s) " + list +
                                  " hold values that identify patients and were not imported");
    }
    if (!clinical.undeclared.empty()) {
        std::string list;
        for (const auto& name : clinical.undeclared) list += (list.empty() ? "'" : ", '") + name + "'";
        report.warnings.push_back(csvName + ": column(s) " + list +
                                  " were not imported: only declared covariates are (drs import --covariates)");
    }
    // A preview writes no label, so it counts the labels its accepted patients would bring.
    std::map<std::string, std::pair<long, long>> previewedLabels;  // endpoint -> (positives, labels)
    if (options.dryRun)
        for (const auto& outcome : report.outcomes)
            if (outcome.accepted)
                for (const auto& [endpoint, value] : clinical.byPatient.at(outcome.patientId).labels) {
                    previewedLabels[endpoint].first += value;
                    ++previewedLabels[endpoint].second;
                }
    for (const auto& endpoint : clinical.endpoints) {
        const auto stored = cohort.labels(endpoint, cohortId);
        const long labels = static_cast<long>(stored.size()) + previewedLabels[endpoint].second;
        const long positives = std::count_if(stored.begin(), stored.end(), [](const auto& l) { return l.value == 1; }) +
                               previewedLabels[endpoint].first;
        if (labels == 0)
            report.warnings.push_back(endpoint + ": no patient in the project has a label");
        else if (positives == 0)
            report.warnings.push_back(endpoint + ": no positive label in the project; no model can be trained for it");
        else if (positives == labels)
            report.warnings.push_back(endpoint + ": no negative label in the project; no model can be trained for it");
    }
    progress.step(1.0, options.dryRun ? "preview finished" : "import finished");
    return report;
}

}  // namespace drs
