// Patient-level truth of the demo cohort: latent variables, what they do to the tumour, and the ten
// endpoint labels they drive. The weights and prevalences here are the ones docs/demo-cohort.md lists.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/pipeline/synthetic/Random.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"

namespace drs::synthetic {

namespace {

enum Latent { kSize, kInvasion, kPleura, kSolidity, kNecrosis, kRing, kPattern, kSmoking, kLatentCount };

struct EndpointModel {
    double prevalence;
    std::array<double, kLatentCount> weights;
    double noiseSd;
    double missingRate;  // share of patients whose label is left empty in the clinical CSV
};

// Rows follow endpointNames(): LVI, PI, T4, EGFR, KRAS, ALK, TP53, PIK3CA, ROS1, PD1_PDL1.
// Columns: size, invasion, pleura, solidity, necrosis, ring, pattern, smoking.
const std::array<EndpointModel, kEndpointCount>& endpointModels() {
    static const std::array<EndpointModel, kEndpointCount> models = {{
        {0.32, {0.3, 0.6, 0.0, 0.0, 0.0, 1.1, 0.0, 0.0}, 0.9, 0.05},
        {0.63, {0.3, 0.5, 1.1, 0.0, 0.0, 0.3, 0.0, 0.0}, 0.8, 0.05},
        {0.24, {1.2, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, 0.8, 0.05},
        {0.38, {0.0, 0.0, 0.0, -0.8, 0.0, 0.0, 0.9, -0.6}, 0.8, 0.10},
        {0.13, {0.0, 0.0, 0.0, 0.5, 0.3, 0.0, 0.0, 0.9}, 0.9, 0.20},
        {0.06, {0.0, 0.0, 0.0, 0.3, 0.5, 0.0, -1.0, -0.4}, 0.8, 0.20},
        {0.45, {0.0, 0.0, 0.0, 0.0, 0.9, 0.3, 0.0, 0.5}, 0.9, 0.30},
        {0.10, {0.4, 0.0, 0.0, 0.0, 0.5, 0.0, 0.5, 0.0}, 0.9, 0.30},
        {0.08, {0.0, 0.0, 0.0, 0.4, 0.0, 0.6, -0.7, 0.0}, 0.9, 0.20},
        {0.40, {0.4, 0.0, 0.0, 0.0, 0.6, 0.3, 0.0, 0.6}, 0.9, 0.25},
    }};
    return models;
}

double standardNormalUpperQuantile(double upperTail) {
    // Bisection on the normal tail: slow but exact enough and free of approximation tables.
    double low = -10, high = 10;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (low + high);
        (0.5 * std::erfc(mid / std::sqrt(2.0)) > upperTail ? low : high) = mid;
    }
    return 0.5 * (low + high);
}

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

const char* kFamilyNames[] = {"KOVAREN", "MALTSEV", "ORDELL", "PRAWITZ", "QUENBY",  "RASMODE",
                              "SOLBERG", "TARNOW",  "VELLIN", "WESTRAD", "YARROLD", "ZELENKO"};
const char* kGivenNamesFemale[] = {"ANIKA", "BRIN", "CELESTE", "DORIT", "ELSA", "FENNA"};
const char* kGivenNamesMale[] = {"ARVID", "BORIS", "CASPAR", "DMITRI", "EMIL", "FABIAN"};

}  // namespace

const std::array<std::string, kEndpointCount>& endpointNames() {
    static const std::array<std::string, kEndpointCount> names = {"LVI", "PI",   "T4",     "EGFR", "KRAS",
                                                                  "ALK", "TP53", "PIK3CA", "ROS1", "PD1_PDL1"};
    return names;
}

const std::vector<CentreProtocol>& centreProtocols() {
    static const std::vector<CentreProtocol> protocols = {
        {"Centre-A", "SHARP", 0.703, 1.25, 48, 18.0, 0.35, false, 1.0},
        {"Centre-B", "SOFT", 0.781, 2.5, 40, 10.0, 0.9, false, 0.5},
        {"Centre-C", "STANDARD", 0.742, 5.0, 24, 14.0, 0.6, true, 1.0},
        // kExternalCentre: thinner pixels, a sharp lung kernel and more noise than any of the above.
        {"Centre-D", "LUNG", 0.625, 3.0, 30, 24.0, 0.25, true, 1.0},
    };
    return protocols;
}

double plantedScore(const Latents& z, std::size_t endpoint, bool withPattern) {
    const std::array<double, kLatentCount> latent = {z.size,     z.invasion, z.pleura,  z.solidity,
                                                     z.necrosis, z.ring,     z.pattern, z.smoking};
    const auto& weights = endpointModels().at(endpoint).weights;
    double score = 0;
    for (int k = 0; k < kLatentCount; ++k)
        if (withPattern || k != kPattern) score += weights[k] * latent[k];
    return score;
}

SyntheticPatient drawPatient(std::uint64_t seed, int index, bool externalCentre) {
    Rng rng(seed, streamOf(index, Stream::patient));
    SyntheticPatient patient;
    patient.index = index;
    Latents& z = patient.latents;
    z.size = rng.normal();
    z.invasion = rng.normal();
    z.pleura = rng.normal();
    z.solidity = rng.normal();
    z.necrosis = rng.normal();
    z.ring = rng.normal();
    z.pattern = rng.normal();
    z.smoking = rng.normal();
    const std::array<double, kLatentCount> latent = {z.size,     z.invasion, z.pleura,  z.solidity,
                                                     z.necrosis, z.ring,     z.pattern, z.smoking};

    // Centres: 45 %, 35 %, 20 %.
    const double centreDraw = rng.uniform();
    patient.centre = externalCentre ? kExternalCentre : centreDraw < 0.45 ? 0 : centreDraw < 0.80 ? 1 : 2;

    TumourTruth& t = patient.tumour;
    t.diameterMm = std::clamp(21.0 * std::exp(0.38 * z.size), 8.0, 44.0);
    const double marginScore = z.invasion + 0.4 * rng.normal();
    t.margin = marginScore < -0.3 ? "smooth" : marginScore < 0.6 ? "lobulated" : "spiculated";
    t.lobulation = t.margin == "smooth" ? 0.03 : t.margin == "lobulated" ? 0.10 + 0.05 * rng.uniform() : 0.08;
    t.spicules = t.margin == "spiculated" ? rng.integer(5, 12) : 0;
    t.solidFraction = std::clamp(logistic(1.6 * z.solidity + 0.9), 0.05, 1.0);
    t.necrosisFraction = (z.necrosis > 0.3 && t.diameterMm > 14) ? std::min(0.25 + 0.15 * z.necrosis, 0.55) : 0.0;
    t.textureHu = 8 + 22 * logistic(1.5 * z.necrosis);
    t.pleuralContact = 0.8 * z.pleura + 0.3 * z.invasion + 0.4 * rng.normal() > -0.1;
    t.haloHu = 240 * logistic(1.8 * z.ring - 0.6);
    t.gradientHu = 55 * std::tanh(1.3 * z.pattern);

    const auto& models = endpointModels();
    for (std::size_t e = 0; e < kEndpointCount; ++e) {
        const auto& model = models[e];
        double score = model.noiseSd * rng.normal();
        double variance = model.noiseSd * model.noiseSd;
        for (int k = 0; k < kLatentCount; ++k) {
            score += model.weights[k] * latent[k];
            variance += model.weights[k] * model.weights[k];
        }
        // The score is normal with this variance, so this threshold gives the prevalence on average.
        const double threshold = standardNormalUpperQuantile(model.prevalence) * std::sqrt(variance);
        patient.labels[e] = score > threshold ? 1 : 0;
        patient.labelMissing[e] = rng.chance(model.missingRate);
    }

    patient.age = static_cast<int>(
        std::lround(std::clamp(64 + 9 * rng.normal() - 3 * (patient.labels[5] + patient.labels[8]), 32.0, 88.0)));
    patient.sex = rng.chance(logistic(0.2 + 0.8 * z.smoking)) ? "M" : "F";
    patient.smoking = z.smoking < -0.2 ? "never" : z.smoking < 0.7 ? "former" : "current";
    const double lobe = rng.uniform();
    patient.location = lobe < 0.30 ? "RUL" : lobe < 0.40 ? "RML" : lobe < 0.60 ? "RLL" : lobe < 0.85 ? "LUL" : "LLL";

    Rng identity(seed, streamOf(index, Stream::identity));
    // Random-looking but unique within a cohort of up to 1000: the last three digits are the index.
    char id[32];
    std::snprintf(id, sizeof id, "%s%04d%03d", externalCentre ? "EX" : "HX", identity.integer(1000, 9999),
                  index % 1000);
    patient.patientId = id;
    const auto& given = patient.sex == "M" ? kGivenNamesMale : kGivenNamesFemale;
    patient.patientName = std::string(kFamilyNames[identity.integer(0, 11)]) + "^" + given[identity.integer(0, 5)];
    return patient;
}

}  // namespace drs::synthetic
