#include "core/pipeline/EndpointAnalysis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <numeric>

#include "core/image/ImageIO.h"
#include "core/learn/FeatureSelection.h"
#include "core/learn/Folds.h"
#include "core/learn/Lasso.h"
#include "core/pipeline/ModelEvaluation.h"
#include "core/stats/Correlation.h"
#include "core/stats/HypothesisTests.h"
#include "core/stats/Roc.h"
#include "core/util/Error.h"
#include "core/util/JsonFields.h"
#include "core/util/Parallel.h"

namespace drs {

namespace {

std::vector<int> rowsWhere(const std::vector<bool>& isTest, bool test) {
    std::vector<int> rows;
    for (std::size_t i = 0; i < isTest.size(); ++i)
        if (isTest[i] == test) rows.push_back(static_cast<int>(i));
    return rows;
}

template <class T>
std::vector<T> pick(const std::vector<T>& values, const std::vector<int>& rows) {
    std::vector<T> picked;
    picked.reserve(rows.size());
    for (int r : rows) picked.push_back(values[r]);
    return picked;
}

Eigen::MatrixXd pickRows(const Eigen::MatrixXd& m, const std::vector<int>& rows) {
    Eigen::MatrixXd picked(static_cast<Eigen::Index>(rows.size()), m.cols());
    for (std::size_t i = 0; i < rows.size(); ++i) picked.row(static_cast<Eigen::Index>(i)) = m.row(rows[i]);
    return picked;
}

Eigen::MatrixXd pickColumns(const Eigen::MatrixXd& m, const std::vector<int>& columns) {
    Eigen::MatrixXd picked(m.rows(), static_cast<Eigen::Index>(columns.size()));
    for (std::size_t j = 0; j < columns.size(); ++j) picked.col(static_cast<Eigen::Index>(j)) = m.col(columns[j]);
    return picked;
}

int fewestInAClass(const std::vector<int>& labels) {
    int positives = 0;
    for (int l : labels) positives += l;
    return std::min(positives, static_cast<int>(labels.size()) - positives);
}

// Folds cannot outnumber the rarer class (a test fold without a positive has no AUC).
int usableFolds(int wanted, const std::vector<int>& labels) {
    return std::max(2, std::min(wanted, fewestInAClass(labels)));
}

// The RadScore of one region, fitted on training rows only.
learn::RadScore fitRadScore(const FeatureTable& table, const std::vector<int>& trainRows,
                            const std::vector<int>& labels, const EndpointOptions& options, const std::string& region,
                            std::vector<std::string>& notes) {
    // Features that are not finite for some patient (e.g. a flat region's texture) or constant
    // in training cannot enter a z-scored linear score.
    std::vector<int> usable;
    for (Eigen::Index j = 0; j < table.values.cols(); ++j) {
        if (!table.values.col(j).allFinite()) continue;
        double low = table.values(trainRows[0], j), high = low;
        for (int r : trainRows) {
            low = std::min(low, table.values(r, j));
            high = std::max(high, table.values(r, j));
        }
        if (high > low) usable.push_back(static_cast<int>(j));
    }
    if (usable.empty()) throw Error("no usable " + region + " feature (all are constant or not finite)");
    if (usable.size() < static_cast<std::size_t>(table.values.cols()))
        notes.push_back(region + ": " + std::to_string(table.values.cols() - usable.size()) +
                        " features left out (constant in training or not finite)");

    learn::Dataset data;
    for (int r : trainRows) data.ids.push_back(std::to_string(r));
    for (int j : usable) data.featureNames.push_back(table.names[j]);
    data.features = pickColumns(pickRows(table.values, trainRows), usable);
    data.labels = labels;
    data.source = region + " features";

    std::vector<int> candidates = learn::mannWhitneyFilter(data, options.univariateMaxP);
    if (candidates.size() < 2) {
        std::vector<int> all(data.featureNames.size());
        std::iota(all.begin(), all.end(), 0);
        candidates = learn::byRelevance(data, all);
        candidates.resize(std::min<std::size_t>(candidates.size(), 10));
        notes.push_back(region + ": fewer than 2 features passed the Mann-Whitney filter (p < " +
                        formatDouble(options.univariateMaxP) + "); the 10 most relevant were passed to the LASSO");
    }
    const std::vector<int> kept =
        learn::removeCorrelated(data, learn::byRelevance(data, candidates), options.redundancyMaxAbsR);

    learn::Dataset selected = data;
    selected.featureNames.clear();
    for (int j : kept) selected.featureNames.push_back(data.featureNames[j]);
    selected.features = pickColumns(data.features, kept);

    const auto folds = learn::repeatedStratifiedFolds(labels, usableFolds(options.cvFolds, labels), 1, options.seed);
    learn::LassoOptions lassoOptions;
    lassoOptions.alpha = options.radScoreAlpha;
    const learn::CvLasso lasso = learn::cvLasso(selected, folds.repeats.front(), lassoOptions);
    learn::RadScore score = learn::radScoreFromLasso(lasso, options.radScoreLambda);
    if (score.empty())
        notes.push_back(region + ": no radiomic signature: the LASSO kept no feature at " +
                        learn::lambdaChoiceName(options.radScoreLambda) + "; the models go on without this RadScore");
    return score;
}

Eigen::MatrixXd columnsByName(const FeatureTable& table, const std::vector<std::string>& names) {
    Eigen::MatrixXd m(table.values.rows(), static_cast<Eigen::Index>(names.size()));
    for (std::size_t k = 0; k < names.size(); ++k) {
        const auto found = std::find(table.names.begin(), table.names.end(), names[k]);
        if (found == table.names.end()) throw Error("feature '" + names[k] + "' is missing");
        m.col(static_cast<Eigen::Index>(k)) = table.values.col(found - table.names.begin());
    }
    return m;
}

Eigen::MatrixXd pickColumnsByName(const Eigen::MatrixXd& m, const std::vector<std::string>& names,
                                  const std::vector<std::string>& wanted, const std::vector<int>& rows) {
    std::vector<int> columns;
    for (const auto& name : wanted)
        columns.push_back(static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin()));
    return pickColumns(pickRows(m, rows), columns);
}

std::vector<double> toStd(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

// Columns constant over the training rows carry nothing and would break the z-score.
std::vector<int> varyingColumns(const Eigen::MatrixXd& train) {
    std::vector<int> columns;
    for (Eigen::Index j = 0; j < train.cols(); ++j)
        if (train.col(j).maxCoeff() > train.col(j).minCoeff()) columns.push_back(static_cast<int>(j));
    return columns;
}

QJsonArray stringsToJson(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const auto& v : values) array.append(QString::fromStdString(v));
    return array;
}

std::vector<std::string> stringsFromJson(const QJsonValue& value) {
    std::vector<std::string> strings;
    for (const auto& v : value.toArray()) strings.push_back(v.toString().toStdString());
    return strings;
}

QJsonObject radScoreToJson(const learn::RadScore& score) {
    return {{"features", stringsToJson(score.featureNames)},
            {"means", learn::toJson(Eigen::VectorXd(score.scaler.means().transpose()))},
            {"sds", learn::toJson(Eigen::VectorXd(score.scaler.sds().transpose()))},
            {"weights", learn::toJson(score.weights)}};
}

learn::RadScore radScoreFromJson(const QJsonObject& json, const std::string& what) {
    learn::RadScore score;
    score.featureNames = stringsFromJson(json["features"]);
    score.scaler = learn::ZScore::fromParameters(learn::vectorFromJson(json["means"], what).transpose(),
                                                 learn::vectorFromJson(json["sds"], what).transpose());
    score.weights = learn::vectorFromJson(json["weights"], what);
    return score;
}

}  // namespace

QJsonObject EndpointModels::toJson() const {
    QJsonArray fittedModels;
    for (const auto& m : models)
        fittedModels.append(QJsonObject{
            {"model", QString::fromStdString(m.model)},
            {"inputs", stringsToJson(m.inputs)},
            {"means", learn::toJson(Eigen::VectorXd(m.fitted.scaler.means().transpose()))},
            {"sds", learn::toJson(Eigen::VectorXd(m.fitted.scaler.sds().transpose()))},
            {"classifier", QJsonDocument::fromJson(QByteArray::fromStdString(m.fitted.classifier->save())).object()},
            {"threshold", json::toJson(m.threshold)}});
    QJsonObject json{{"endpoint", QString::fromStdString(endpoint)},
                     {"radscore_tumour", radScoreToJson(tumour)},
                     {"radscore_ring", radScoreToJson(ring)},
                     {"deep_model", QString::fromStdString(std::filesystem::path(deepModelPath).filename().string())},
                     {"deep_output", deepOutput},
                     {"models", fittedModels}};
    // Absent without ComBat, so bundles of runs without it keep their bytes.
    if (tumourCombat.active()) json["combat_tumour"] = tumourCombat.toJson();
    if (ringCombat.active()) json["combat_ring"] = ringCombat.toJson();
    return json;
}

EndpointModels EndpointModels::fromJson(const QJsonObject& json, const std::string& source) {
    EndpointModels bundle;
    bundle.endpoint = json["endpoint"].toString().toStdString();
    if (bundle.endpoint.empty()) throw Error(source + ": not a model bundle (no endpoint)");
    bundle.tumour = radScoreFromJson(json["radscore_tumour"].toObject(), source);
    bundle.ring = radScoreFromJson(json["radscore_ring"].toObject(), source);
    if (json.contains("combat_tumour"))
        bundle.tumourCombat = learn::CentreHarmonisation::fromJson(json["combat_tumour"].toObject(), source);
    if (json.contains("combat_ring"))
        bundle.ringCombat = learn::CentreHarmonisation::fromJson(json["combat_ring"].toObject(), source);
    bundle.deepModelPath =
        (std::filesystem::path(source).parent_path() / json["deep_model"].toString().toStdString()).string();
    bundle.deepOutput = json["deep_output"].toInt(0);  // bundles of single-task networks may lack it
    for (const auto& value : json["models"].toArray()) {
        const QJsonObject m = value.toObject();
        Fitted fitted;
        fitted.model = m["model"].toString().toStdString();
        fitted.inputs = stringsFromJson(m["inputs"]);
        fitted.fitted.scaler = learn::ZScore::fromParameters(learn::vectorFromJson(m["means"], source).transpose(),
                                                             learn::vectorFromJson(m["sds"], source).transpose());
        fitted.fitted.classifier = learn::loadClassifier(
            QJsonDocument(m["classifier"].toObject()).toJson(QJsonDocument::Compact).toStdString());
        // Youden's "every patient positive" point is -infinity; bundles written before it was kept as
        // "-Infinity" hold null there.
        if (m["threshold"].isNull())
            fitted.threshold = -std::numeric_limits<double>::infinity();
        else
            json::read(m["threshold"], json::Where(source, "models.threshold"), fitted.threshold);
        bundle.models.push_back(std::move(fitted));
    }
    return bundle;
}

const EndpointModels::Fitted& EndpointModels::model(const std::string& name) const {
    for (const auto& m : models)
        if (m.model == name) return m;
    throw Error("endpoint " + endpoint + " has no trained model '" + name + "'");
}

bool EndpointModels::has(ModelKind kind) const {
    return std::any_of(models.begin(), models.end(), [&](const Fitted& m) { return m.model == displayName(kind); });
}

void compareModelsOnTest(EndpointEvidence& evidence) {
    const auto built = [&](ModelKind kind) {
        return std::any_of(evidence.models.begin(), evidence.models.end(),
                           [&](const ModelEvidence& m) { return m.model == displayName(kind); });
    };
    for (auto [a, b] : kPairedComparisons) {
        if (!built(a) || !built(b)) continue;  // the Radiomics-Score model without a signature
        const ModelEvidence& first = modelOf(evidence, a);
        const ModelEvidence& second = modelOf(evidence, b);
        const auto comparison = stats::delongPaired(evidence.testLabels, first.testScores, second.testScores);
        evidence.comparisons.push_back(
            {first.model, second.model, comparison.auc1, comparison.auc2, comparison.z, comparison.p});
    }
}

DeepPatch deepPatchOf(const std::string& patientId, const Regions& regions) {
    DeepPatch patch{patientId, regions.patch.voxels, -1, {}};
    patch.tumour160x160.assign(regions.patchMask.voxels.begin(), regions.patchMask.voxels.end());
    return patch;
}

std::vector<std::uint8_t> heatMapOverlay(const std::vector<float>& hu160x160, const std::vector<float>& heat160x160) {
    const std::size_t pixels = hu160x160.size();
    std::vector<std::uint8_t> rgb(3 * pixels);
    for (std::size_t i = 0; i < pixels; ++i) {
        const double grey = std::clamp((hu160x160[i] - (-600.0 - 750.0)) / 1500.0, 0.0, 1.0);
        const double h = std::clamp(static_cast<double>(heat160x160[i]), 0.0, 1.0);
        // A blue-green-yellow-red ramp ("jet"-like) weighted by the heat itself.
        const double red = std::clamp(1.5 - std::abs(4 * h - 3), 0.0, 1.0);
        const double green = std::clamp(1.5 - std::abs(4 * h - 2), 0.0, 1.0);
        const double blue = std::clamp(1.5 - std::abs(4 * h - 1), 0.0, 1.0);
        const double alpha = 0.55 * h;
        rgb[3 * i] = static_cast<std::uint8_t>(std::lround(255 * ((1 - alpha) * grey + alpha * red)));
        rgb[3 * i + 1] = static_cast<std::uint8_t>(std::lround(255 * ((1 - alpha) * grey + alpha * green)));
        rgb[3 * i + 2] = static_cast<std::uint8_t>(std::lround(255 * ((1 - alpha) * grey + alpha * blue)));
    }
    return rgb;
}

void paintOutline(std::vector<std::uint8_t>& rgb, const std::vector<std::size_t>& pixels) {
    for (const std::size_t pixel : pixels) std::copy(kOutlineRgb.begin(), kOutlineRgb.end(), rgb.begin() + 3 * pixel);
}

namespace {

// The training and test rows of one endpoint, and their labels.
struct Cohorts {
    std::vector<int> trainRows, testRows;
};

void checkAligned(const EndpointInputs& in) {
    const std::size_t n = in.patients.size();
    if (in.labels.size() != n || in.isTest.size() != n || in.patches.size() != n ||
        static_cast<std::size_t>(in.tumour.values.rows()) != n || static_cast<std::size_t>(in.ring.values.rows()) != n)
        throw Error("endpoint " + in.endpoint + ": inputs are not aligned by patient");
}

Cohorts describeCohorts(const EndpointInputs& in, EndpointEvidence& evidence) {
    Cohorts cohorts{rowsWhere(in.isTest, false), rowsWhere(in.isTest, true)};
    evidence.endpoint = in.endpoint;
    evidence.trainPatients = pick(in.patients, cohorts.trainRows);
    evidence.testPatients = pick(in.patients, cohorts.testRows);
    evidence.trainLabels = pick(in.labels, cohorts.trainRows);
    evidence.testPending = true;  // its labels are read by evaluateEndpointOnTest, after every fit
    return cohorts;
}

// False (and a note saying why) when a class is too rare to train on or to evaluate.
// Only here are the test labels counted before the evaluation, to tell whether an evaluation is
// possible at all; nothing is fitted on them.
bool enoughPatientsToAnalyse(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options,
                             EndpointEvidence& evidence) {
    const int trainFewest = fewestInAClass(evidence.trainLabels);
    const int testFewest = fewestInAClass(pick(in.labels, cohorts.testRows));
    if (trainFewest >= options.minimumClassCount && testFewest >= 2) return true;
    int positives = 0;
    for (int l : in.labels) positives += l;
    evidence.notes.push_back("not analysed: " + std::to_string(positives) + " positive of " +
                             std::to_string(in.patients.size()) + " labelled patients leave " +
                             std::to_string(trainFewest) + " in the rarer class of the training cohort (at least " +
                             std::to_string(options.minimumClassCount) + " needed) and " + std::to_string(testFewest) +
                             " in the test cohort (at least 2 needed for a DeLong interval)");
    return false;
}

// The inputs of one model for every patient of the endpoint, columns named.
struct ModelInputs {
    std::vector<std::string> names;
    Eigen::MatrixXd values;
};

// [repeat][fold]: the deep features by the network of that outer fold of the shared plan.
using DeepInputsByFold = std::vector<std::vector<ModelInputs>>;

std::map<std::string, double> coefficientsByFeature(const learn::RadScore& score) {
    std::map<std::string, double> coefficients;
    for (std::size_t k = 0; k < score.featureNames.size(); ++k)
        coefficients[score.featureNames[k]] = score.weights[static_cast<Eigen::Index>(k)];
    return coefficients;
}

std::map<std::string, FeatureScaling> scalingByFeature(const learn::RadScore& score) {
    std::map<std::string, FeatureScaling> scaling;
    for (std::size_t k = 0; k < score.featureNames.size(); ++k) {
        const auto j = static_cast<Eigen::Index>(k);
        scaling[score.featureNames[k]] = {score.scaler.means()[j], score.scaler.sds()[j]};
    }
    return scaling;
}

// Both RadScores of every patient.
ModelInputs radScoreColumns(const FeatureTable& tumourTable, const FeatureTable& ringTable,
                            const learn::RadScore& tumour, const learn::RadScore& ring) {
    ModelInputs scores{{"RadScore_tumour", "RadScore_ring"}, Eigen::MatrixXd(tumourTable.values.rows(), 2)};
    scores.values.col(0) = tumour.score(columnsByName(tumourTable, tumour.featureNames));
    scores.values.col(1) = ring.score(columnsByName(ringTable, ring.featureNames));
    return scores;
}

// A region's table as the chain reads it: with ComBat, harmonised by centre with estimates fitted
// on fitRows only, with fitLabels their labels (returned through `fitted`); otherwise as extracted.
FeatureTable chainTable(const FeatureTable& table, const std::vector<int>& fitRows, const std::vector<int>& fitLabels,
                        const std::vector<std::string>& centres, const EndpointOptions& options,
                        learn::CentreHarmonisation* fitted = nullptr) {
    if (!options.combatByCentre) return table;
    if (centres.size() != static_cast<std::size_t>(table.values.rows()))
        throw Error("ComBat by centre needs every patient's centre");
    Eigen::VectorXd covariate;
    if (options.combatLabelCovariate)
        covariate = Eigen::Map<const Eigen::VectorXi>(fitLabels.data(), static_cast<Eigen::Index>(fitLabels.size()))
                        .cast<double>();
    const learn::CentreHarmonisation step = learn::CentreHarmonisation::fit(
        pickRows(table.values, fitRows), pick(centres, fitRows), table.names, covariate);
    if (fitted) *fitted = step;
    return {table.names, step.apply(table.values, centres, table.names)};
}

// Median over the harmonised features of the share of variance the centre explains (one-way ANOVA
// R²) on the given rows: what ComBat is meant to bring down.
double medianCentreRSquared(const FeatureTable& table, const std::vector<int>& rows,
                            const std::vector<std::string>& centres, const std::vector<std::string>& names) {
    const Eigen::MatrixXd values = pickRows(columnsByName(table, names), rows);
    std::vector<double> shares;
    for (Eigen::Index j = 0; j < values.cols(); ++j) {
        const double share = learn::centreRSquared(values.col(j), pick(centres, rows));
        if (std::isfinite(share)) shares.push_back(share);
    }
    if (shares.empty()) return std::nan("");
    std::sort(shares.begin(), shares.end());
    const std::size_t half = shares.size() / 2;
    return shares.size() % 2 ? shares[half] : (shares[half - 1] + shares[half]) / 2;
}

std::string combatNote(const std::string& region, const learn::CentreHarmonisation& step, const FeatureTable& extracted,
                       const FeatureTable& harmonised, const std::vector<int>& trainRows,
                       const std::vector<std::string>& centres) {
    if (!step.active())
        return "ComBat by centre (" + region + "): not applied, fewer than 2 centres with 2 training patients";
    std::string names;
    for (const auto& c : step.centres()) names += (names.empty() ? "" : ", ") + c;
    const auto& features = step.harmonisedFeatures();
    char shares[96];
    std::snprintf(shares, sizeof shares, "%.3f before, %.3f after",
                  medianCentreRSquared(extracted, trainRows, centres, features),
                  medianCentreRSquared(harmonised, trainRows, centres, features));
    return "ComBat by centre (" + region + "): " + std::to_string(features.size()) + " of " +
           std::to_string(extracted.names.size()) + " features harmonised over " + names +
           ", estimates from the training patients (refitted in every outer fold); patients of other centres "
           "are left as they are. Median share of a feature's variance explained by the centre (R², training "
           "patients): " +
           shares;
}

// ComBat without covariates takes each centre's mean for the scanner's: where the label's
// prevalence differs by centre, it also removes the part of the label's signal that goes with the
// centre. The prevalence in each harmonised centre's training patients, and Fisher's exact test of
// label against centre (R: fisher.test), tell the reader whether that happened.
std::string centrePrevalenceNote(const learn::CentreHarmonisation& step, const std::vector<int>& trainRows,
                                 const std::vector<int>& trainLabels, const std::vector<std::string>& centres,
                                 bool labelCovariate) {
    const std::vector<std::string>& harmonised = step.centres();
    std::vector<std::vector<double>> counts(harmonised.size(), std::vector<double>(2, 0.0));
    for (std::size_t i = 0; i < trainRows.size(); ++i) {
        const auto found =
            std::find(harmonised.begin(), harmonised.end(), centres[static_cast<std::size_t>(trainRows[i])]);
        if (found != harmonised.end())
            counts[static_cast<std::size_t>(found - harmonised.begin())][trainLabels[i] == 1 ? 1 : 0] += 1;
    }
    std::string text = "ComBat by centre: positives of the training patients by centre ";
    for (std::size_t c = 0; c < harmonised.size(); ++c)
        text += (c ? ", " : "") + harmonised[c] + " " + std::to_string(int(counts[c][1])) + "/" +
                std::to_string(int(counts[c][0] + counts[c][1]));
    const double p = stats::fisherExact(counts).p;
    char pText[48];
    if (p < 0.001)
        std::snprintf(pText, sizeof pText, "p < 0.001");
    else
        std::snprintf(pText, sizeof pText, "p = %.3f", p);
    text += std::string(" (Fisher's exact test of label against centre, ") + pText + ")";
    if (labelCovariate)
        text += "; the centre effects were estimated net of the label (--combat-label-covariate)";
    else if (p < 0.05)
        text +=
            ": the prevalence differs by centre, so harmonising without covariates also removes the part of "
            "the label's signal that goes with the centre; compare with --combat-label-covariate or --no-combat";
    return text;
}

// Both RadScores fitted on the training rows; returns their values for every patient.
ModelInputs fitRadScores(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options,
                         EndpointOutcome& outcome) {
    EndpointEvidence& evidence = outcome.evidence;
    const FeatureTable tumourTable = chainTable(in.tumour, cohorts.trainRows, evidence.trainLabels, in.centres, options,
                                                &outcome.models.tumourCombat);
    const FeatureTable ringTable =
        chainTable(in.ring, cohorts.trainRows, evidence.trainLabels, in.centres, options, &outcome.models.ringCombat);
    if (options.combatByCentre) {
        evidence.notes.push_back(
            combatNote("tumour", outcome.models.tumourCombat, in.tumour, tumourTable, cohorts.trainRows, in.centres));
        evidence.notes.push_back(
            combatNote("ring", outcome.models.ringCombat, in.ring, ringTable, cohorts.trainRows, in.centres));
        if (outcome.models.tumourCombat.active())
            evidence.notes.push_back(centrePrevalenceNote(outcome.models.tumourCombat, cohorts.trainRows,
                                                          evidence.trainLabels, in.centres,
                                                          options.combatLabelCovariate));
    }
    if (options.radScoreAlpha != 1.0)
        evidence.notes.push_back("RadScores by the elastic net (glmnet alpha = " + formatDouble(options.radScoreAlpha) +
                                 ", --radscore-alpha) instead of the LASSO");
    outcome.models.tumour =
        fitRadScore(tumourTable, cohorts.trainRows, evidence.trainLabels, options, "tumour", evidence.notes);
    outcome.models.ring =
        fitRadScore(ringTable, cohorts.trainRows, evidence.trainLabels, options, "ring", evidence.notes);
    evidence.radScoreTumour = coefficientsByFeature(outcome.models.tumour);
    evidence.radScoreRing = coefficientsByFeature(outcome.models.ring);
    evidence.radScoreTumourScaling = scalingByFeature(outcome.models.tumour);
    evidence.radScoreRingScaling = scalingByFeature(outcome.models.ring);
    return radScoreColumns(tumourTable, ringTable, outcome.models.tumour, outcome.models.ring);
}

// The Deep-CT network trained on the training patients' patches, with deep features for everyone.
DeepCtResult trainDeepModel(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options,
                            DeepCtPort& deep, Progress& progress, EndpointOutcome& outcome) {
    EndpointEvidence& evidence = outcome.evidence;
    std::vector<DeepPatch> trainingPatches;
    for (int r : cohorts.trainRows) {
        trainingPatches.push_back(in.patches[r]);
        trainingPatches.back().label = in.labels[r];
    }
    std::filesystem::create_directories(std::filesystem::u8path(options.modelFolder));
    const std::string deepModelPath =
        (std::filesystem::u8path(options.modelFolder) / (in.endpoint + "-deepct.pt")).string();
    DeepCtOptions deepOptions = options.deep;
    const int trainFewest = fewestInAClass(evidence.trainLabels);
    if (trainFewest < deepOptions.minimumClassCount) {
        evidence.notes.push_back("Deep-CT was trained with only " + std::to_string(trainFewest) +
                                 " patients in the rarer class (the network asks for " +
                                 std::to_string(deepOptions.minimumClassCount) +
                                 " by default): its numbers for this endpoint are illustrative");
        deepOptions.minimumClassCount = trainFewest;
    }
    DeepCtResult result = deep.trainAndExtract(trainingPatches, in.patches, deepOptions, deepModelPath, progress);
    outcome.models.deepModelPath = result.modelPath;
    outcome.deepFeatures = result.featuresPerPatient;
    evidence.deepBackbone = options.deep.describe();
    evidence.deepPretrained = result.pretrainedWeightsUsed;
    evidence.deepValidationAuc = result.bestValidationAuc;
    evidence.deepEpochs = result.epochsRun;
    if (!result.pretrainedWeightsUsed)
        evidence.notes.push_back("Deep-CT: no ImageNet weights were provided; the network was trained from scratch");
    return result;
}

ModelInputs deepFeatureColumns(const std::vector<DeepFeatures>& features) {
    ModelInputs deepInputs;
    for (int k = 1; k <= kDeepFeatureCount; ++k) deepInputs.names.push_back("deep_" + std::to_string(k));
    const auto n = static_cast<Eigen::Index>(features.size());
    deepInputs.values.resize(n, kDeepFeatureCount);
    for (Eigen::Index i = 0; i < n; ++i)
        for (int k = 0; k < kDeepFeatureCount; ++k)
            deepInputs.values(i, k) = features[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
    return deepInputs;
}

// Throws Error unless the shared networks' features cover every patient and every training
// patient has an outer fold in each repeat of the plan.
void checkSharedDeep(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options) {
    const SharedDeepFeatures& shared = in.sharedDeep;
    const std::string who = "endpoint " + in.endpoint + ": ";
    if (!shared.present()) throw Error(who + "it has no output in the run's shared Deep-CT networks");
    if (shared.repeats.size() > static_cast<std::size_t>(options.cvRepeats))
        throw Error(who + "the shared Deep-CT plan has " + std::to_string(shared.repeats.size()) +
                    " CV repeats, more than the nested CV's " + std::to_string(options.cvRepeats));
    const std::size_t n = in.patients.size();
    bool aligned = shared.finalFeatures.size() == n;
    for (const auto& repeat : shared.repeats) {
        aligned = aligned && repeat.outerFold.size() == n;
        for (const auto& features : repeat.foldFeatures) aligned = aligned && features.size() == n;
    }
    if (!aligned) throw Error(who + "shared Deep-CT features are not aligned by patient");
    for (const auto& repeat : shared.repeats) {
        const int folds = static_cast<int>(repeat.foldFeatures.size());
        for (int r : cohorts.trainRows) {
            const int fold = repeat.outerFold[static_cast<std::size_t>(r)];
            if (fold < 0 || fold >= folds)
                throw Error(who + "training patient " + in.patients[static_cast<std::size_t>(r)] +
                            " has no outer fold of the shared plan");
        }
    }
}

// The run's shared Deep-CT networks as this endpoint's deep model: the final network's features
// for every patient (what the final models read), and the model bundle's network and output.
ModelInputs useSharedDeep(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options,
                          EndpointOutcome& outcome) {
    checkSharedDeep(in, cohorts, options);
    const SharedDeepFeatures& shared = in.sharedDeep;
    EndpointEvidence& evidence = outcome.evidence;
    outcome.models.deepModelPath = shared.finalModelPath;
    outcome.models.deepOutput = shared.output;
    outcome.deepFeatures = shared.finalFeatures;
    evidence.deepBackbone = options.deep.describe() + ", multi-task (" + std::to_string(shared.outputs) +
                            " endpoints), one network per outer fold";
    evidence.deepPretrained = shared.pretrained;
    evidence.deepValidationAuc = shared.finalValidationAuc;
    evidence.deepEpochs = shared.finalEpochs;
    const std::size_t repeats = shared.repeats.size();
    const std::size_t folds = shared.repeats.front().foldFeatures.size();
    const std::string foldsText = repeats == 1 ? std::to_string(folds) + " outer folds of the first CV repeat"
                                               : std::to_string(folds) + " outer folds of each of the first " +
                                                     std::to_string(repeats) + " CV repeats";
    evidence.notes.push_back("Deep-CT: one multi-task network for the run's " + std::to_string(shared.outputs) +
                             " endpoints per outer fold, for the " + foldsText +
                             " (folds shared by every endpoint), each trained on that fold's training patients "
                             "only, its early-stopping validation patients drawn from them; Deep-CT and "
                             "Deep-RadScore are cross-validated on those " +
                             std::to_string(folds * repeats) +
                             " folds, each fold with its own network's features (Radiomics-Score on every "
                             "repeat). The final network learnt from all training patients.");
    evidence.notes.insert(evidence.notes.end(), shared.notes.begin(), shared.notes.end());
    if (!shared.pretrained)
        evidence.notes.push_back("Deep-CT: no ImageNet weights were provided; the network was trained from scratch");
    return deepFeatureColumns(shared.finalFeatures);
}

// Deep-RadScore reads the deep features, then both RadScores.
ModelInputs fusedColumns(const ModelInputs& deepInputs, const ModelInputs& radScores) {
    ModelInputs fused{deepInputs.names,
                      Eigen::MatrixXd(deepInputs.values.rows(), deepInputs.values.cols() + radScores.values.cols())};
    fused.names.insert(fused.names.end(), radScores.names.begin(), radScores.names.end());
    fused.values << deepInputs.values, radScores.values;
    return fused;
}

// One set of folds for all three models, so their CV AUCs are comparable. With Deep-CT networks
// per outer fold the first repeats are the run's shared plan's, whose folds have those networks.
learn::RepeatedFolds drawCvFolds(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options,
                                 EndpointOutcome& outcome) {
    const auto& trainLabels = outcome.evidence.trainLabels;
    auto folds = learn::repeatedStratifiedFolds(trainLabels, usableFolds(options.cvFolds, trainLabels),
                                                options.cvRepeats, options.seed);
    if (folds.folds < options.cvFolds)
        outcome.evidence.notes.push_back("cross-validation used " + std::to_string(folds.folds) +
                                         " folds: the training cohort has only " +
                                         std::to_string(fewestInAClass(trainLabels)) + " patients in its rarer class");
    if (options.deepPerOuterFold)
        for (std::size_t r = 0; r < in.sharedDeep.repeats.size(); ++r)
            folds.repeats[r] = pick(in.sharedDeep.repeats[r].outerFold, cohorts.trainRows);
    outcome.cvFoldsByRepeat = folds.repeats;
    return folds;
}

// The inputs of each model (by ModelKind) for every patient.
std::array<ModelInputs, 3> modelTables(const ModelInputs& radScores, const ModelInputs& deepInputs) {
    return {radScores, deepInputs, fusedColumns(deepInputs, radScores)};
}

// Out-of-fold predictions of the whole chain. In every outer fold both RadScores (feature
// filters, LASSO with its own lambda CV) are refitted on the fold's training rows, then every
// model's panel on its inputs there; the held-out rows are scored only by what was fitted
// without them, so the CV AUC that chooses the classifier is an honest estimate.
struct NestedCv {
    std::array<learn::PanelCvResult, 3> panels;   // by ModelKind
    std::array<std::vector<int>, 3> foldRepeats;  // [kind][k]: the repeat of the panel's k-th fold AUC
    // [kind][classifier][repeat * training patients + training index], over the repeats in which
    // the model is cross-validated
    std::array<std::vector<std::vector<double>>, 3> outOfFold;
};

struct OuterFold {
    std::size_t repeat;
    int fold;
};

// Every (repeat, fold); a repeat's fold count is its own (the shared plan's may differ from an
// endpoint's own draws when its rarer class is small).
std::vector<OuterFold> outerFolds(const learn::RepeatedFolds& folds) {
    std::vector<OuterFold> list;
    for (std::size_t r = 0; r < folds.repeats.size(); ++r) {
        const int count = *std::max_element(folds.repeats[r].begin(), folds.repeats[r].end()) + 1;
        for (int f = 0; f < count; ++f) list.push_back({r, f});
    }
    return list;
}

// With a Deep-CT network per outer fold (deepByFold), the deep models are cross-validated in the
// shared plan's repeats only (the first ones), whose folds have their networks.
bool crossValidatedIn(ModelKind kind, const OuterFold& outer, const DeepInputsByFold* deepByFold) {
    return !deepByFold || kind == ModelKind::RadiomicsScore || outer.repeat < deepByFold->size();
}

NestedCv nestedCrossValidation(const EndpointInputs& in, const Cohorts& cohorts, const learn::RepeatedFolds& folds,
                               const ModelInputs& deepInputs, const DeepInputsByFold* deepByFold,
                               const EndpointOptions& options, Progress& progress, EndpointEvidence& evidence) {
    const std::vector<int>& labels = evidence.trainLabels;
    const std::size_t n = labels.size();
    const std::vector<OuterFold> outer = outerFolds(folds);
    const int tasks = static_cast<int>(outer.size());
    NestedCv cv;
    std::array<std::vector<int>, 3> slotOf;  // [kind][task]: index among the kind's fold AUCs, -1: not evaluated
    for (ModelKind kind : kModelKinds) {
        const auto k = static_cast<std::size_t>(kind);
        int evaluated = 0;
        for (const auto& o : outer) {
            const bool crossValidated = crossValidatedIn(kind, o, deepByFold);
            slotOf[k].push_back(crossValidated ? evaluated++ : -1);
            if (crossValidated) cv.foldRepeats[k].push_back(static_cast<int>(o.repeat));
        }
        const std::size_t repeats =
            deepByFold && kind != ModelKind::RadiomicsScore ? deepByFold->size() : folds.repeats.size();
        for (const auto& name : options.classifiers)
            cv.panels[k].classifiers.push_back({name, std::vector<double>(static_cast<std::size_t>(evaluated))});
        cv.outOfFold[k].assign(options.classifiers.size(), std::vector<double>(repeats * n));
    }
    std::mutex lock;
    std::map<std::string, int> foldNotes;
    int done = 0;
    parallelFor(tasks, options.threads, &progress, [&](int task) {
        const std::size_t repeat = outer[static_cast<std::size_t>(task)].repeat;
        const int fold = outer[static_cast<std::size_t>(task)].fold;
        const learn::FoldAssignment& assignment = folds.repeats[repeat];
        const std::vector<int> fitIndex = learn::trainRows(assignment, fold);
        const std::vector<int> heldIndex = learn::testRows(assignment, fold);
        const std::vector<int> fitRows = pick(cohorts.trainRows, fitIndex);
        const std::vector<int> heldRows = pick(cohorts.trainRows, heldIndex);
        const std::vector<int> fitLabels = pick(labels, fitIndex);
        const std::vector<int> heldLabels = pick(labels, heldIndex);

        std::vector<std::string> notes;
        EndpointOptions foldOptions = options;
        foldOptions.seed = options.seed + 1 + static_cast<std::uint64_t>(task);  // the inner LASSO folds
        const FeatureTable tumourTable = chainTable(in.tumour, fitRows, fitLabels, in.centres, options);
        const FeatureTable ringTable = chainTable(in.ring, fitRows, fitLabels, in.centres, options);
        const learn::RadScore tumour = fitRadScore(tumourTable, fitRows, fitLabels, foldOptions, "tumour", notes);
        const learn::RadScore ring = fitRadScore(ringTable, fitRows, fitLabels, foldOptions, "ring", notes);
        // The fold's own network scores its patients (those it learnt from and those held out).
        const ModelInputs& foldDeep = deepByFold && repeat < deepByFold->size()
                                          ? (*deepByFold)[repeat][static_cast<std::size_t>(fold)]
                                          : deepInputs;
        const auto tables = modelTables(radScoreColumns(tumourTable, ringTable, tumour, ring), foldDeep);
        const bool heldBothClasses = fewestInAClass(heldLabels) > 0;
        if (!heldBothClasses)
            notes.push_back(
                "a held-out fold without both classes has no AUC; its patients' predictions still "
                "count for the operating threshold");

        learn::ClassifierOptions classifierOptions;
        classifierOptions.seed = static_cast<unsigned long>(options.seed) + static_cast<unsigned long>(task);
        classifierOptions.balancedClassWeights = options.balancedClassWeights;
        for (ModelKind kind : kModelKinds) {
            const auto k = static_cast<std::size_t>(kind);
            const int slot = slotOf[k][static_cast<std::size_t>(task)];
            if (slot < 0) continue;
            const Eigen::MatrixXd fitAll = pickRows(tables[k].values, fitRows);
            const std::vector<int> columns = varyingColumns(fitAll);
            std::vector<Eigen::VectorXd> probabilities;
            if (columns.empty()) {
                notes.push_back(displayName(kind) +
                                ": every input was constant in a fold's training rows; its "
                                "held-out patients were scored 0.5");
                probabilities.assign(options.classifiers.size(),
                                     Eigen::VectorXd::Constant(static_cast<Eigen::Index>(heldRows.size()), 0.5));
            } else {
                probabilities = learn::panelFoldProbabilities(
                    pickColumns(fitAll, columns), fitLabels, pickColumns(pickRows(tables[k].values, heldRows), columns),
                    options.classifiers, classifierOptions);
            }
            for (std::size_t m = 0; m < probabilities.size(); ++m) {
                const std::vector<double> p = toStd(probabilities[m]);
                cv.panels[k].classifiers[m].foldAucs[static_cast<std::size_t>(slot)] =
                    heldBothClasses ? stats::auc(heldLabels, p) : std::nan("");
                for (std::size_t j = 0; j < heldIndex.size(); ++j)
                    cv.outOfFold[k][m][repeat * n + static_cast<std::size_t>(heldIndex[j])] = p[j];
            }
        }
        const std::lock_guard<std::mutex> guard(lock);
        for (const auto& note : notes) ++foldNotes[note];
        const int finished = ++done;
        progress.step(static_cast<double>(finished) / tasks, in.endpoint + ": nested cross-validation, outer fold " +
                                                                 std::to_string(finished) + " of " +
                                                                 std::to_string(tasks));
    });
    for (auto& panel : cv.panels) learn::summarisePanel(panel);
    for (const auto& [note, count] : foldNotes)
        evidence.notes.push_back("nested CV, " + std::to_string(count) + " of " + std::to_string(tasks) +
                                 " outer folds: " + note);
    return cv;
}

// The chosen classifier of one model refitted on all training rows, its operating point found on
// its out-of-fold predictions, and its predictions for the test rows (not yet evaluated).
void refit(ModelKind kind, const ModelInputs& inputs, const Cohorts& cohorts, const NestedCv& cv,
           const EndpointOptions& options, EndpointOutcome& outcome) {
    EndpointEvidence& evidence = outcome.evidence;
    const auto k = static_cast<std::size_t>(kind);
    const std::string& name = displayName(kind);
    const Eigen::MatrixXd trainAll = pickRows(inputs.values, cohorts.trainRows);
    const std::vector<int> columns = varyingColumns(trainAll);
    if (columns.empty() && kind == ModelKind::RadiomicsScore) {
        evidence.notes.push_back(name + ": not built: no radiomic signature in either region");
        return;
    }
    if (columns.empty()) throw Error(evidence.endpoint + ": every input of " + name + " is constant in training");
    std::vector<std::string> names;
    for (int c : columns) names.push_back(inputs.names[c]);
    if (columns.size() < inputs.names.size())
        evidence.notes.push_back(name + ": " + std::to_string(inputs.names.size() - columns.size()) +
                                 " input(s) constant in training were left out");
    const Eigen::MatrixXd xTrain = pickColumns(trainAll, columns);
    const Eigen::MatrixXd xTest = pickColumns(pickRows(inputs.values, cohorts.testRows), columns);

    const learn::PanelCvResult& panel = cv.panels[k];
    learn::ClassifierOptions classifierOptions;
    classifierOptions.seed = static_cast<unsigned long>(options.seed);
    classifierOptions.balancedClassWeights = options.balancedClassWeights;
    EndpointModels::Fitted fitted{name, names,
                                  learn::fitModel(panel.best, xTrain, evidence.trainLabels, classifierOptions), 0.5};

    ModelEvidence model;
    model.model = name;
    model.inputs = names;
    for (const auto& c : panel.classifiers)
        model.panel.push_back({c.name, c.meanAuc, c.sdAuc, c.foldAucs, cv.foldRepeats[k]});
    model.chosenClassifier = panel.best;
    const auto chosen = static_cast<std::size_t>(
        std::find(options.classifiers.begin(), options.classifiers.end(), panel.best) - options.classifiers.begin());
    const std::vector<double>& pooled = cv.outOfFold[k][chosen];
    const std::size_t n = evidence.trainLabels.size();
    std::vector<int> pooledLabels;
    for (std::size_t r = 0; r < pooled.size() / n; ++r)
        pooledLabels.insert(pooledLabels.end(), evidence.trainLabels.begin(), evidence.trainLabels.end());
    model.cvScores.assign(n, 0.0);
    for (std::size_t i = 0; i < pooled.size(); ++i) model.cvScores[i % n] += pooled[i] * n / pooled.size();
    model.trainScores = toStd(fitted.fitted.predictProbability(xTrain));
    model.trainAuc = stats::auc(evidence.trainLabels, model.trainScores);
    model.testScores = toStd(fitted.fitted.predictProbability(xTest));
    fitted.threshold = stats::youdenMetrics(pooledLabels, pooled).threshold;
    model.testMetrics.threshold = fitted.threshold;
    evidence.models.push_back(std::move(model));
    outcome.models.models.push_back(std::move(fitted));
}

}  // namespace

void evaluateEndpointOnTest(EndpointEvidence& evidence, const std::vector<int>& testLabels) {
    if (!evidence.testPending) throw Error("endpoint " + evidence.endpoint + ": its test cohort was already evaluated");
    if (testLabels.size() != evidence.testPatients.size())
        throw Error("endpoint " + evidence.endpoint + ": " + std::to_string(testLabels.size()) + " test labels for " +
                    std::to_string(evidence.testPatients.size()) + " test patients");
    evidence.testLabels = testLabels;
    for (ModelEvidence& model : evidence.models) evaluateOnTest(testLabels, model);
    compareModelsOnTest(evidence);
    evidence.testPending = false;
}

namespace {

bool isConstant(const std::vector<double>& values) {
    const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
    return *lowest == *highest;
}

// Pearson correlation of the RadScores with the deep features over the training cohort, with
// the paper's summary (max |r|, mean |r| +- SD).
CorrelationSummary correlateRadScoresWithDeepFeatures(const ModelInputs& radScores, const ModelInputs& deepInputs,
                                                      const Cohorts& cohorts) {
    CorrelationSummary correlation;
    correlation.rows = radScores.names;
    correlation.columns = deepInputs.names;
    std::vector<double> absR;
    for (Eigen::Index row = 0; row < radScores.values.cols(); ++row) {
        const std::vector<double> rad = pick(toStd(radScores.values.col(row)), cohorts.trainRows);
        correlation.r.emplace_back();
        correlation.p.emplace_back();
        for (Eigen::Index k = 0; k < deepInputs.values.cols(); ++k) {
            const std::vector<double> feature = pick(toStd(deepInputs.values.col(k)), cohorts.trainRows);
            // A dead deep unit, or a RadScore without signature (its intercept only), has no correlation.
            const auto result = isConstant(rad) || isConstant(feature)
                                    ? stats::CorrelationResult{std::nan(""), std::nan("")}
                                    : stats::pearson(rad, feature);
            correlation.r.back().push_back(result.r);
            correlation.p.back().push_back(result.p);
            if (!std::isnan(result.r)) absR.push_back(std::abs(result.r));
        }
    }
    if (!absR.empty()) {
        correlation.maxAbsR = *std::max_element(absR.begin(), absR.end());
        correlation.meanAbsR = std::accumulate(absR.begin(), absR.end(), 0.0) / static_cast<double>(absR.size());
        double squares = 0;
        for (double v : absR) squares += (v - correlation.meanAbsR) * (v - correlation.meanAbsR);
        correlation.sdAbsR = absR.size() > 1 ? std::sqrt(squares / static_cast<double>(absR.size() - 1)) : 0.0;
    }
    return correlation;
}

// SHAP of the Deep-RadScore model on the test patients, training patients as background.
ShapSummary explainFusedModel(const ModelInputs& fusedInputs, const Cohorts& cohorts, const EndpointOptions& options,
                              const EndpointModels& models) {
    const auto& fused = models.model(ModelKind::DeepRadScore);
    const Eigen::MatrixXd background =
        pickColumnsByName(fusedInputs.values, fusedInputs.names, fused.inputs, cohorts.trainRows);
    const Eigen::MatrixXd explained =
        pickColumnsByName(fusedInputs.values, fusedInputs.names, fused.inputs, cohorts.testRows);
    return explainModel(fused.fitted, fused.inputs, background, explained, options.shapBackgroundRows,
                        static_cast<unsigned long>(options.seed));
}

// Grad-CAM overlays of the test patients the Deep-CT model is most sure are positive.
std::vector<std::string> drawGradCams(const EndpointInputs& in, const Cohorts& cohorts, const EndpointOptions& options,
                                      const EndpointModels& models, DeepCtPort& deep, EndpointEvidence& evidence) {
    std::vector<std::string> images;
    std::vector<int> order(cohorts.testRows.size());
    std::iota(order.begin(), order.end(), 0);
    const auto& deepScores = modelOf(evidence, ModelKind::DeepCt).testScores;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return deepScores[a] > deepScores[b]; });
    for (int k = 0; k < std::min<int>(options.gradCamPatients, static_cast<int>(order.size())); ++k) {
        const DeepPatch& patch = in.patches[cohorts.testRows[order[k]]];
        const std::vector<float> heat = deep.gradCam(models.deepModelPath, patch, models.deepOutput);
        const std::string png =
            (std::filesystem::u8path(options.modelFolder) / (in.endpoint + "-gradcam-" + patch.patientId + ".png"))
                .string();
        std::vector<std::uint8_t> rgb = heatMapOverlay(patch.hu160x160, heat);
        // Whether the heat lies on the tumour is what the reader looks for. A region file that
        // cannot be read costs the outline, not the picture.
        if (in.tumourEdgeOnPatch) try {
                paintOutline(rgb, in.tumourEdgeOnPatch(static_cast<std::size_t>(cohorts.testRows[order[k]])));
            } catch (const Error& e) {
                evidence.notes.push_back("Grad-CAM of " + patch.patientId + " without the tumour outline: " + e.what());
            }
        writeRgbPng(rgb, kDeepPatchSizePx, kDeepPatchSizePx, png);
        images.push_back(png);
    }
    return images;
}

}  // namespace

EndpointOutcome analyseEndpoint(const EndpointInputs& in, const EndpointOptions& options, DeepCtPort& deep,
                                Progress& progress) {
    checkAligned(in);
    EndpointOutcome outcome;
    EndpointEvidence& evidence = outcome.evidence;
    const Cohorts cohorts = describeCohorts(in, evidence);
    if (!enoughPatientsToAnalyse(in, cohorts, options, evidence)) {
        evidence.testPending = false;
        return outcome;
    }
    outcome.models.endpoint = in.endpoint;

    progress.step(0.0, in.endpoint + ": RadScores");
    const ModelInputs radScores = fitRadScores(in, cohorts, options, outcome);

    ModelInputs deepInputs;
    DeepInputsByFold deepByFold;  // with the run's shared networks: each outer fold's
    if (options.deepPerOuterFold) {
        deepInputs = useSharedDeep(in, cohorts, options, outcome);
        for (const auto& repeat : in.sharedDeep.repeats) {
            deepByFold.emplace_back();
            for (const auto& features : repeat.foldFeatures) deepByFold.back().push_back(deepFeatureColumns(features));
        }
    } else {
        SubProgress deepProgress(progress, 0.05, 0.6);
        deepInputs =
            deepFeatureColumns(trainDeepModel(in, cohorts, options, deep, deepProgress, outcome).featuresPerPatient);
        evidence.notes.push_back(
            "Deep-CT: the network is trained once on all training patients; its features enter the nested CV as "
            "fixed columns, so the CV AUCs of Deep-CT and Deep-RadScore are optimistic");
    }
    const ModelInputs fusedInputs = fusedColumns(deepInputs, radScores);

    const learn::RepeatedFolds folds = drawCvFolds(in, cohorts, options, outcome);
    SubProgress cvProgress(progress, options.deepPerOuterFold ? 0.05 : 0.6, 0.9);
    const NestedCv cv =
        nestedCrossValidation(in, cohorts, folds, deepInputs, options.deepPerOuterFold ? &deepByFold : nullptr, options,
                              cvProgress, evidence);
    const auto tables = modelTables(radScores, deepInputs);
    for (ModelKind kind : kModelKinds)
        refit(kind, tables[static_cast<std::size_t>(kind)], cohorts, cv, options, outcome);

    progress.step(0.92, in.endpoint + ": correlations and explanations");
    evidence.correlation = correlateRadScoresWithDeepFeatures(radScores, deepInputs, cohorts);
    evidence.shap = explainFusedModel(fusedInputs, cohorts, options, outcome.models);
    if (options.gradCamPatients > 0)
        evidence.gradCamImages = drawGradCams(in, cohorts, options, outcome.models, deep, evidence);
    progress.step(1.0, in.endpoint + ": done");
    outcome.analysed = true;
    return outcome;
}

}  // namespace drs
