#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Diagnostics.h"
#include "core/radiomics/Region.h"
#include "core/radiomics/Settings.h"
#include "core/util/Progress.h"

namespace drs::radiomics {

// One feature value named as pyradiomics names it ("original_glcm_Contrast").
struct Feature {
    std::string name;
    double value;
};

// The features of one region: 14 shape + 93 on the original image (107), and with withWavelet
// 93 more on each of the 8 coif1 decompositions (851; with force2D pyradiomics' 4 in-plane ones),
// in pyradiomics' order. `label` overrides
// settings.label. Throws drs::Error on bad input (see extractRegion), drs::Cancelled on cancel.
// `threads` threads share the work of this one region (shape, the original image and each wavelet
// decomposition are independent); the values do not depend on the thread count.
std::vector<Feature> extractFeatures(const Volume& image, const LabelMap& mask, std::uint16_t label,
                                     const Settings& settings, bool withWavelet, Progress* progress = nullptr,
                                     int threads = 1);

// The same for an already extracted region (image is needed for the wavelet margin).
std::vector<Feature> extractRegionFeatures(const Volume& image, const Region& region, const Settings& settings,
                                           bool withWavelet, Progress* progress = nullptr, int threads = 1);

// The feature names extractFeatures produces, in order (107 or 851 with the default settings).
std::vector<std::string> featureNames(bool withWavelet, const Settings& settings = Settings{});

// Where a result came from: saved with every CSV row or database record.
struct Provenance {
    std::string softwareVersion;  // DRS_VERSION
    std::string settingsJson;     // Settings::toJson()
    std::string imageSha256;      // sourceSha256: of the image file, or of a DICOM folder's files
    std::string maskSha256;
    std::string roiName;  // the ROI chosen in a mask file that names its ROIs (CaseSpec::roiName)
    // The DICOM series read, which a folder's sha256 does not tell when it holds several; empty for a file.
    std::string seriesInstanceUid;
};

// One case of a batch: files to read, the ROI and the label to use.
struct CaseSpec {
    std::string id;
    std::string imagePath;
    std::string maskPath;
    std::uint16_t label = 1;
    std::string roiName;            // chooses among the ROIs of an RTSTRUCT, DICOM SEG or 3D Slicer segmentation
    std::string seriesInstanceUid;  // of a DICOM folder holding several image series; empty: it holds one
    // The series an RTSTRUCT or DICOM SEG mask references: without seriesInstanceUid, the one of them
    // a folder of several holds is read (ReadOptions::maskSeriesUids).
    std::vector<std::string> maskSeriesUids;
};

// A case's mask on its image's grid, and the label of the region in it.
struct CaseMask {
    LabelMap labels;
    std::uint16_t label = 1;
};

// Reads a case's mask onto its image's grid (frameOfReferenceUid: the DICOM image's, or empty).
// Without one, extractBatch reads label maps; the command line passes one that also reads
// RTSTRUCT, DICOM SEG and 3D Slicer segmentations (core/roi, which radiomics does not depend on).
using MaskReader =
    std::function<CaseMask(const CaseSpec&, const Geometry& imageGrid, const std::string& frameOfReferenceUid)>;

struct CaseResult {
    std::string id;
    std::vector<Feature> features;        // empty when error is set
    std::vector<Diagnostic> diagnostics;  // with extractBatch's withDiagnostics
    Provenance provenance;
    std::string error;  // one-line reason the case failed
};

// Extracts every case with `threads` worker threads (each case is independent; no state is shared
// between cases; with fewer cases than threads, a case's images share the threads). Results are in
// the order of `cases`. A failing case does not stop the others; drs::Cancelled stops all.
// withDiagnostics adds pyradiomics' diagnostics (caseDiagnostics) to each result.
std::vector<CaseResult> extractBatch(const std::vector<CaseSpec>& cases, const Settings& settings, bool withWavelet,
                                     int threads = 2, Progress* progress = nullptr, const MaskReader& readMask = {},
                                     bool withDiagnostics = false);

// sha256 of an image source: of the file, or for a DICOM folder of the sorted file names and their
// contents' hashes.
std::string sourceSha256(const std::string& path);

}  // namespace drs::radiomics
