#pragma once
// Built-in demo cohort: synthetic chest CT studies whose tumours and labels come from shared latent
// variables, so the pipeline has something real to learn. docs/demo-cohort.md documents the truth.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/util/Progress.h"

namespace drs::synthetic {

constexpr std::size_t kEndpointCount = 10;
// The paper's endpoints in its order; also the clinical CSV's label columns.
const std::array<std::string, kEndpointCount>& endpointNames();

// How one centre scans: grid, noise and reconstruction kernel, and how pixels are stored.
struct CentreProtocol {
    std::string name;
    std::string kernelName;  // written as ConvolutionKernel
    double pixelMm = 0.75;   // in-plane spacing
    double sliceMm = 1.25;   // slice spacing = thickness
    int slices = 48;
    double noiseHu = 15;         // SD of the added noise
    double kernelSigmaMm = 0.5;  // in-plane Gaussian blur of the reconstruction
    bool signedPixels = false;   // int16 with intercept 0, else uint16 with intercept -1024
    double rescaleSlope = 1.0;
};
const std::vector<CentreProtocol>& centreProtocols();
// The demo's external validation centre: a scanner profile (the last of centreProtocols()) that
// development patients never get.
inline constexpr int kExternalCentre = 3;

// Independent standard-normal latent variables of one patient.
struct Latents {
    double size = 0;      // tumour diameter
    double invasion = 0;  // margin irregularity (smooth -> lobulated -> spiculated)
    double pleura = 0;    // closeness to the pleura
    double solidity = 0;  // ground glass (low) vs solid (high)
    double necrosis = 0;  // internal heterogeneity and necrosis
    double ring = 0;      // peritumoral halo: visible only outside the tumour mask
    double pattern = 0;   // sign of an antero-posterior density gradient: a spatial pattern
    double smoking = 0;   // smoking exposure (clinical, and emphysema in the lung)
};

// What the latents became in the image.
struct TumourTruth {
    double diameterMm = 0;
    std::string margin;  // smooth | lobulated | spiculated
    double lobulation = 0;
    int spicules = 0;
    double solidFraction = 0;     // volume fraction of the solid core
    double necrosisFraction = 0;  // radius fraction of the necrotic centre (0: none)
    double textureHu = 0;         // SD of internal texture
    bool pleuralContact = false;
    double haloHu = 0;      // peak HU increase of the peritumoral halo
    double gradientHu = 0;  // HU change from tumour centre to its posterior edge (sign = pattern)
};

struct SyntheticPatient {
    int index = 0;
    std::string patientId;    // fake hospital identifier (written into DICOM and the clinical CSV)
    std::string patientName;  // fake DICOM name
    int centre = 0;           // index into centreProtocols()
    int age = 0;
    std::string sex;       // M | F
    std::string smoking;   // never | former | current
    std::string location;  // lobe: RUL, RML, RLL, LUL, LLL
    Latents latents;
    TumourTruth tumour;
    std::array<int, kEndpointCount> labels{};         // truth, 0/1
    std::array<bool, kEndpointCount> labelMissing{};  // left empty in the clinical CSV
};

// The planted part of endpoint `endpoint`'s label model (index into endpointNames()): the sum of
// weight x latent of docs/demo-cohort.md. A label is 1 when this plus independent noise exceeds a
// threshold, so ranking patients by it is the best any model can do (the oracle); without the
// `pattern` term it is the best a model blind to the front-to-back gradient can do.
double plantedScore(const Latents& latents, std::size_t endpoint, bool withPattern = true);

// Everything about patient `index` of the cohort with this seed (deterministic, platform independent).
// externalCentre: scanned at kExternalCentre, identifier starting "EX" (development ones: "HX"), the
// latents and labels as without it.
SyntheticPatient drawPatient(std::uint64_t seed, int index, bool externalCentre = false);

struct SyntheticCase {
    SyntheticPatient patient;
    Volume volume;  // HU, LPS, axial
    LabelMap mask;  // 1 = tumour (GTV), on the volume's grid
};
SyntheticCase synthesiseCase(std::uint64_t seed, int index, bool externalCentre = false);

// Where the generator put a cohort.
struct SyntheticCohortFiles {
    std::string studiesFolder;  // one sub-folder per patient: CT/ (series) and RTSTRUCT.dcm
    std::string clinicalCsv;    // patient_id, centre, age, sex, smoking, location, ten endpoints (0/1/empty)
    std::string truthCsv;       // latents, tumour truth and complete labels
    std::vector<std::string> patientIds;
};

// The clinical CSV's covariate columns, to declare when importing it: age, sex, smoking, location.
const std::vector<std::string>& syntheticCovariates();

// Writes `patients` cases as DICOM CT series + RTSTRUCT, the clinical CSV and the truth table.
// The folder must be empty or absent. externalCentre: an external validation cohort (drawPatient).
SyntheticCohortFiles writeSyntheticCohort(const std::string& outFolder, int patients, std::uint64_t seed,
                                          Progress& progress, bool externalCentre = false);

// Lower-level writers (the cohort writer and tests use them).
struct DicomIdentity {
    std::string patientId;
    std::string patientName;
    std::string patientSex;
    std::string birthDate;  // YYYYMMDD
    std::string studyDate;  // YYYYMMDD
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string frameOfReferenceUid;
    std::string institution;
};
// One CT Image Storage file per slice, named CT0001.dcm..; returns the SOPInstanceUIDs by slice.
std::vector<std::string> writeCtSeries(const Volume& volume, const CentreProtocol& protocol,
                                       const DicomIdentity& identity, const std::string& folder);
// An RT Structure Set with one ROI (closed planar contours traced from the mask, per slice) that
// references the CT series written with these SOPInstanceUIDs.
void writeRtStruct(const LabelMap& mask, const std::string& roiName, const DicomIdentity& identity,
                   const std::vector<std::string>& sliceSopInstanceUids, const std::string& path);

// A deterministic DICOM UID (2.25.<decimal>) from a text key.
std::string uidFromKey(const std::string& key);

}  // namespace drs::synthetic
