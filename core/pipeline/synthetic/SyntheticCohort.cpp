#include "core/pipeline/synthetic/SyntheticCohort.h"

#include <cstdio>
#include <filesystem>

#include "core/pipeline/synthetic/Random.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Parallel.h"

namespace drs::synthetic {

namespace {

namespace fs = std::filesystem;

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

DicomIdentity identityOf(const SyntheticPatient& patient, std::uint64_t seed) {
    Rng rng(seed, streamOf(patient.index, Stream::identity) + 8);
    const int year = rng.integer(2017, 2023);
    char studyDate[48], birthDate[48];
    std::snprintf(studyDate, sizeof studyDate, "%04d%02d%02d", year, rng.integer(1, 12), rng.integer(1, 28));
    std::snprintf(birthDate, sizeof birthDate, "%04d%02d%02d", year - patient.age, rng.integer(1, 12),
                  rng.integer(1, 28));
    const std::string key = std::to_string(seed) + "/" + std::to_string(patient.index);
    DicomIdentity identity;
    identity.patientId = patient.patientId;
    identity.patientName = patient.patientName;
    identity.patientSex = patient.sex;
    identity.birthDate = birthDate;
    identity.studyDate = studyDate;
    identity.studyInstanceUid = uidFromKey(key + "/study");
    identity.seriesInstanceUid = uidFromKey(key + "/ct-series");
    identity.frameOfReferenceUid = uidFromKey(key + "/frame");
    identity.institution = centreProtocols()[patient.centre].name;
    return identity;
}

struct WrittenPatient {
    SyntheticPatient patient;
    std::size_t gtvVoxels = 0;
};

WrittenPatient writePatient(const fs::path& root, std::uint64_t seed, int index, bool externalCentre) {
    const SyntheticCase synthetic = synthesiseCase(seed, index, externalCentre);
    const DicomIdentity identity = identityOf(synthetic.patient, seed);
    const fs::path folder = root / "studies" / synthetic.patient.patientId;
    const auto sliceUids = writeCtSeries(synthetic.volume, centreProtocols()[synthetic.patient.centre], identity,
                                         (folder / "CT").string());
    writeRtStruct(synthetic.mask, "GTV", identity, sliceUids, (folder / "RTSTRUCT.dcm").string());
    WrittenPatient written{synthetic.patient, 0};
    for (auto v : synthetic.mask.voxels) written.gtvVoxels += v != 0;
    return written;
}

}  // namespace

const std::vector<std::string>& syntheticCovariates() {
    static const std::vector<std::string> names = {"age", "sex", "smoking", "location"};
    return names;
}

SyntheticCohortFiles writeSyntheticCohort(const std::string& outFolder, int patients, std::uint64_t seed,
                                          Progress& progress, bool externalCentre) {
    if (patients < 1 || patients > 1000)
        throw Error("--patients " + std::to_string(patients) + ": the demo cohort holds 1 to 1000 patients");
    const fs::path root = fs::u8path(outFolder);
    std::error_code error;
    if (fs::exists(root) && !(fs::is_directory(root) && fs::is_empty(root)))
        throw Error(outFolder + ": exists and is not an empty folder; choose a new output folder");
    fs::create_directories(root / "studies", error);
    if (error) throw Error(outFolder + ": cannot create the folder: " + error.message());

    SyntheticCohortFiles files;
    files.studiesFolder = (root / "studies").string();
    files.clinicalCsv = (root / "clinical.csv").string();
    files.truthCsv = (root / "truth.csv").string();

    CsvTable clinical;
    clinical.header = {"patient_id", "centre"};
    clinical.header.insert(clinical.header.end(), syntheticCovariates().begin(), syntheticCovariates().end());
    CsvTable truth;
    truth.header = {"patient_id",  "centre",          "z_size",   "z_invasion",     "z_pleura",
                    "z_solidity",  "z_necrosis",      "z_ring",   "z_pattern",      "z_smoking",
                    "diameter_mm", "margin",          "spicules", "solid_fraction", "necrosis_fraction",
                    "texture_hu",  "pleural_contact", "halo_hu",  "gradient_hu",    "gtv_voxels"};
    for (const auto& name : endpointNames()) {
        clinical.header.push_back(name);
        truth.header.push_back(name);
    }

    // Patients are independent, so they are made in parallel; progress is reported between batches,
    // and a cancel stops the patients not yet started. A batch holds eight patients per core: their
    // sizes differ, and with one per core each batch waited for its largest while cores idled.
    const int batch = 8 * hardwareThreads();
    for (int first = 0; first < patients; first += batch) {
        progress.step(static_cast<double>(first) / patients,
                      "synthesising patients " + std::to_string(first + 1) + "-" +
                          std::to_string(std::min(first + batch, patients)) + " of " + std::to_string(patients));
        std::vector<WrittenPatient> done(static_cast<std::size_t>(std::min(batch, patients - first)));
        parallelFor(static_cast<int>(done.size()), hardwareThreads(), &progress, [&](int k) {
            try {
                done[static_cast<std::size_t>(k)] = writePatient(root, seed, first + k, externalCentre);
            } catch (const std::exception& e) {
                throw Error(e.what());
            }
        });
        for (const WrittenPatient& written : done) {
            const SyntheticPatient& patient = written.patient;
            files.patientIds.push_back(patient.patientId);
            std::vector<std::string> row = {patient.patientId,
                                            centreProtocols()[patient.centre].name,
                                            std::to_string(patient.age),
                                            patient.sex,
                                            patient.smoking,
                                            patient.location};
            for (std::size_t e = 0; e < kEndpointCount; ++e)
                row.push_back(patient.labelMissing[e] ? std::string() : std::to_string(patient.labels[e]));
            clinical.rows.push_back(std::move(row));

            const Latents& z = patient.latents;
            const TumourTruth& t = patient.tumour;
            std::vector<std::string> truthRow = {patient.patientId,
                                                 centreProtocols()[patient.centre].name,
                                                 fixed(z.size, 4),
                                                 fixed(z.invasion, 4),
                                                 fixed(z.pleura, 4),
                                                 fixed(z.solidity, 4),
                                                 fixed(z.necrosis, 4),
                                                 fixed(z.ring, 4),
                                                 fixed(z.pattern, 4),
                                                 fixed(z.smoking, 4),
                                                 fixed(t.diameterMm, 2),
                                                 t.margin,
                                                 std::to_string(t.spicules),
                                                 fixed(t.solidFraction, 4),
                                                 fixed(t.necrosisFraction, 4),
                                                 fixed(t.textureHu, 2),
                                                 t.pleuralContact ? "1" : "0",
                                                 fixed(t.haloHu, 2),
                                                 fixed(t.gradientHu, 2),
                                                 std::to_string(written.gtvVoxels)};
            for (int label : patient.labels) truthRow.push_back(std::to_string(label));
            truth.rows.push_back(std::move(truthRow));
        }
    }
    writeCsv(files.clinicalCsv, clinical);
    writeCsv(files.truthCsv, truth);
    progress.step(1.0, "synthetic cohort written");
    return files;
}

}  // namespace drs::synthetic
