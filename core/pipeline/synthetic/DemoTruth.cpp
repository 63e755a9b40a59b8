#include "core/pipeline/synthetic/DemoTruth.h"

#include <algorithm>
#include <cmath>

#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/stats/Correlation.h"
#include "core/stats/Roc.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::synthetic {
namespace {

Latents latentsOf(const CsvTable& truth, const std::vector<std::string>& row) {
    const auto value = [&](const char* column) { return parseDouble(row[truth.column(column)], column); };
    Latents z;
    z.size = value("z_size");
    z.invasion = value("z_invasion");
    z.pleura = value("z_pleura");
    z.solidity = value("z_solidity");
    z.necrosis = value("z_necrosis");
    z.ring = value("z_ring");
    z.pattern = value("z_pattern");
    z.smoking = value("z_smoking");
    return z;
}

std::size_t endpointIndex(const std::string& endpoint) {
    const auto& names = endpointNames();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), endpoint) - names.begin());
}

// Largest |r| of a deep_* input of the fused model with the pattern latent, over the test patients
// (the SHAP summary keeps those inputs' values per test patient).
double deepPatternMaxAbsR(const EndpointEvidence& e, const std::vector<double>& pattern) {
    double largest = 0;
    for (std::size_t k = 0; k < e.shap.features.size(); ++k) {
        if (e.shap.features[k].rfind("deep_", 0) != 0 || e.shap.featureValues.size() != pattern.size()) continue;
        std::vector<double> feature;
        for (const auto& row : e.shap.featureValues) feature.push_back(row[k]);
        if (*std::max_element(feature.begin(), feature.end()) == *std::min_element(feature.begin(), feature.end()))
            continue;
        const double r = stats::pearson(feature, pattern).r;
        if (std::isfinite(r)) largest = std::max(largest, std::abs(r));
    }
    return largest;
}

}  // namespace

void addPseudonymsToTruth(const std::string& truthCsv, const std::map<std::string, std::string>& pseudonymByPatientId) {
    CsvTable truth = readCsv(truthCsv);
    if (truth.hasColumn("pseudonym")) return;
    const std::size_t idColumn = truth.column("patient_id");
    truth.header.insert(truth.header.begin() + static_cast<std::ptrdiff_t>(idColumn) + 1, "pseudonym");
    for (auto& row : truth.rows) {
        const auto found = pseudonymByPatientId.find(row.at(idColumn));
        row.insert(row.begin() + static_cast<std::ptrdiff_t>(idColumn) + 1,
                   found == pseudonymByPatientId.end() ? std::string() : found->second);
    }
    writeCsv(truthCsv, truth);
}

std::vector<DemoTruthRecovery> truthRecovery(const std::string& truthCsv, const StudyEvidence& evidence) {
    const CsvTable truth = readCsv(truthCsv);
    if (!truth.hasColumn("pseudonym"))
        throw Error(truthCsv + ": no pseudonym column; the truth is not linked to a project (drs demo links it)");
    std::map<std::string, Latents> latentsByPseudonym;
    for (const auto& row : truth.rows)
        if (!row[truth.column("pseudonym")].empty())
            latentsByPseudonym[row[truth.column("pseudonym")]] = latentsOf(truth, row);

    std::vector<DemoTruthRecovery> recovered;
    for (const EndpointEvidence& e : evidence.endpoints) {
        const std::size_t index = endpointIndex(e.endpoint);
        if (e.models.empty() || index >= kEndpointCount) continue;
        std::vector<double> oracle, withoutPattern, pattern;
        for (const auto& pseudonym : e.testPatients) {
            const auto found = latentsByPseudonym.find(pseudonym);
            if (found == latentsByPseudonym.end())
                throw Error(truthCsv + ": test patient " + pseudonym + " of " + e.endpoint + " is not in the truth");
            oracle.push_back(plantedScore(found->second, index, true));
            withoutPattern.push_back(plantedScore(found->second, index, false));
            pattern.push_back(found->second.pattern);
        }
        DemoTruthRecovery row;
        row.endpoint = e.endpoint;
        row.testPatients = static_cast<int>(e.testPatients.size());
        row.oracleAuc = stats::auc(e.testLabels, oracle);
        row.oracleWithoutPatternAuc = stats::auc(e.testLabels, withoutPattern);
        for (const auto& model : e.models) row.modelTestAuc[model.model] = model.testAuc;
        const auto fused = row.modelTestAuc.find(displayName(ModelKind::DeepRadScore));
        row.gapClosed = fused != row.modelTestAuc.end() && row.oracleAuc > 0.5
                            ? (fused->second - 0.5) / (row.oracleAuc - 0.5)
                            : std::nan("");
        row.deepPatternMaxAbsR = deepPatternMaxAbsR(e, pattern);
        recovered.push_back(std::move(row));
    }
    return recovered;
}

}  // namespace drs::synthetic
