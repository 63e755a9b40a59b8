#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/project/ProjectDb.h"

namespace drs::project {

// A trained model: its file lives under the project's files folder, checked by SHA-256 on load.
struct ModelRow {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string endpoint;
    std::string model;                // displayName(ModelKind): Radiomics-Score | Deep-CT | Deep-RadScore
    std::string classifier;           // e.g. svm, lr
    std::string filePath;             // relative to ProjectDb::filesFolder()
    std::string sha256;               // filled by saveModel from the file
    std::optional<double> threshold;  // operating point chosen on the training data
    std::string detailsJson = "{}";
};

struct PredictionRow {
    std::int64_t patientId = 0;
    double probability = 0;
};

struct ComparisonRow {
    std::int64_t modelA = 0;
    std::int64_t modelB = 0;
    std::string subset;  // e.g. test
    std::string test;    // e.g. delong_paired
    double statistic = 0;
    double pValue = 0;
};

struct ShapRow {
    std::int64_t patientId = 0;
    std::string feature;
    double shap = 0;
    double featureValue = 0;  // NaN stored as NULL
};

struct CorrelationRow {
    std::string featureA;
    std::string featureB;
    std::string method;  // e.g. pearson
    double r = 0;
    double pValue = 0;
};

struct ReportRow {
    std::int64_t id = 0;
    std::optional<std::int64_t> runId;
    std::string kind;      // e.g. cohort, patient
    std::string filePath;  // relative to ProjectDb::filesFolder()
    std::string sha256;
    std::string createdAt;
};

// Trained models and what came out of them: predictions, metrics, paired comparisons, SHAP
// values, correlations and reports. Each save is one transaction.
class ResultRepository {
public:
    explicit ResultRepository(ProjectDb& db) : db_(db) {}

    // Hashes the file (which must already exist under filesFolder()) and stores the row; replaces a
    // model of the same run, endpoint and model name (with its predictions and metrics).
    std::int64_t saveModel(const ModelRow& model);
    std::vector<ModelRow> models(std::int64_t runId, const std::string& endpoint = "");
    std::optional<ModelRow> model(std::int64_t modelId);
    // Absolute path of the model file after checking its SHA-256 against the database.
    std::string verifiedModelFile(const ModelRow& model);

    // subset: train | test | new. Replaces that model's predictions for the subset.
    void savePredictions(std::int64_t modelId, const std::string& subset, const std::vector<PredictionRow>& rows);
    std::vector<PredictionRow> predictions(std::int64_t modelId, const std::string& subset);  // by patient id

    void saveMetrics(std::int64_t modelId, const std::string& subset,
                     const std::vector<std::pair<std::string, double>>& metrics);
    std::map<std::string, double> metrics(std::int64_t modelId, const std::string& subset);

    void saveComparison(const ComparisonRow& comparison);
    std::vector<ComparisonRow> comparisons(std::int64_t modelId);  // where the model is a or b

    void saveShap(std::int64_t modelId, const std::vector<ShapRow>& rows);
    std::vector<ShapRow> shap(std::int64_t modelId);

    void saveCorrelations(std::int64_t runId, const std::string& endpoint, const std::vector<CorrelationRow>& rows);
    std::vector<CorrelationRow> correlations(std::int64_t runId, const std::string& endpoint);

    std::int64_t addReport(std::optional<std::int64_t> runId, const std::string& kind, const std::string& filePath);
    std::vector<ReportRow> reports();

private:
    std::int64_t endpointId(const std::string& endpoint);
    ProjectDb& db_;
};

}  // namespace drs::project
