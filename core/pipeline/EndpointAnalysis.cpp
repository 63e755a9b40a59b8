#include "core/pipeline/EndpointAnalysis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "core/image/ImageIO.h"
#include "core/learn/FeatureSelection.h"
#include "core/learn/Folds.h"
#include "core/learn/Lasso.h"
#include "core/pipeline/ModelEvaluation.h"
#include "core/stats/Correlation.h"
#include "core/stats/Roc.h"
#include "core/util/Error.h"

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
    const learn::CvLasso lasso = learn::cvLasso(selected, folds.repeats.front());
    try {
        return learn::radScoreFromLasso(lasso, learn::LambdaChoice::Min);
    } catch (const Error&) {
        // lambda.min kept nothing: take the first feature(s) to enter the path.
        for (Eigen::Index i = 0; i < lasso.path.coefficients.cols(); ++i) {
            std::vector<int> nonZero;
            for (Eigen::Index j = 0; j < lasso.path.coefficients.rows(); ++j)
                if (lasso.path.coefficients(j, i) != 0) nonZero.push_back(static_cast<int>(j));
            if (nonZero.empty()) continue;
            learn::RadScore score;
            Eigen::RowVectorXd means(nonZero.size()), sds(nonZero.size());
            score.weights.resize(static_cast<Eigen::Index>(nonZero.size()));
            for (std::size_t k = 0; k < nonZero.size(); ++k) {
                score.featureNames.push_back(selected.featureNames[nonZero[k]]);
                means[static_cast<Eigen::Index>(k)] = lasso.scaler.means()[nonZero[k]];
                sds[static_cast<Eigen::Index>(k)] = lasso.scaler.sds()[nonZero[k]];
                score.weights[static_cast<Eigen::Index>(k)] = lasso.path.coefficients(nonZero[k], i);
            }
            score.scaler = learn::ZScore::fromParameters(means, sds);
            notes.push_back(region +
                            ": the LASSO kept no feature at lambda.min; the first feature(s) to enter the "
                            "LASSO path were used");
            return score;
        }
        throw Error(region + ": the LASSO path selected no feature at any lambda");
    }
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
            {"threshold", m.threshold}});
    return {{"endpoint", QString::fromStdString(endpoint)},
            {"radscore_tumour", radScoreToJson(tumour)},
            {"radscore_ring", radScoreToJson(ring)},
            {"deep_model", QString::fromStdString(std::filesystem::path(deepModelPath).filename().string())},
            {"models", fittedModels}};
}

EndpointModels EndpointModels::fromJson(const QJsonObject& json, const std::string& source) {
    EndpointModels bundle;
    bundle.endpoint = json["endpoint"].toString().toStdString();
    if (bundle.endpoint.empty()) throw Error(source + ": not a model bundle (no endpoint)");
    bundle.tumour = radScoreFromJson(json["radscore_tumour"].toObject(), source);
    bundle.ring = radScoreFromJson(json["radscore_ring"].toObject(), source);
    bundle.deepModelPath =
        (std::filesystem::path(source).parent_path() / json["deep_model"].toString().toStdString()).string();
    for (const auto& value : json["models"].toArray()) {
        const QJsonObject m = value.toObject();
        Fitted fitted;
        fitted.model = m["model"].toString().toStdString();
        fitted.inputs = stringsFromJson(m["inputs"]);
        fitted.fitted.scaler = learn::ZScore::fromParameters(learn::vectorFromJson(m["means"], source).transpose(),
                                                             learn::vectorFromJson(m["sds"], source).transpose());
        fitted.fitted.classifier = learn::loadClassifier(
            QJsonDocument(m["classifier"].toObject()).toJson(QJsonDocument::Compact).toStdString());
        fitted.threshold = m["threshold"].toDouble();
        bundle.models.push_back(std::move(fitted));
    }
    return bundle;
}

const EndpointModels::Fitted& EndpointModels::model(const std::string& name) const {
    for (const auto& m : models)
        if (m.model == name) return m;
    throw Error("endpoint " + endpoint + " has no trained model '" + name + "'");
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

EndpointOutcome analyseEndpoint(const EndpointInputs& in, const EndpointOptions& options, DeepCtPort& deep,
                                Progress& progress) {
    const std::size_t n = in.patients.size();
    if (in.labels.size() != n || in.isTest.size() != n || in.patches.size() != n ||
        static_cast<std::size_t>(in.tumour.values.rows()) != n || static_cast<std::size_t>(in.ring.values.rows()) != n)
        throw Error("endpoint " + in.endpoint + ": inputs are not aligned by patient");

    EndpointOutcome outcome;
    EndpointEvidence& evidence = outcome.evidence;
    evidence.endpoint = in.endpoint;
    const std::vector<int> trainRows = rowsWhere(in.isTest, false);
    const std::vector<int> testRows = rowsWhere(in.isTest, true);
    evidence.trainPatients = pick(in.patients, trainRows);
    evidence.testPatients = pick(in.patients, testRows);
    evidence.trainLabels = pick(in.labels, trainRows);
    evidence.testLabels = pick(in.labels, testRows);
    const auto& trainLabels = evidence.trainLabels;
    const auto& testLabels = evidence.testLabels;

    const int trainFewest = fewestInAClass(trainLabels);
    const int testFewest = fewestInAClass(testLabels);
    if (trainFewest < options.minimumClassCount || testFewest < 2) {
        int positives = 0;
        for (int l : in.labels) positives += l;
        evidence.notes.push_back("not analysed: " + std::to_string(positives) + " positive of " + std::to_string(n) +
                                 " labelled patients leave " + std::to_string(trainFewest) +
                                 " in the rarer class of the training cohort (at least " +
                                 std::to_string(options.minimumClassCount) + " needed) and " +
                                 std::to_string(testFewest) +
                                 " in the test cohort (at least 2 needed for a DeLong interval)");
        return outcome;
    }

    // 1. RadScores, fitted on training patients only.
    progress.step(0.0, in.endpoint + ": RadScores");
    outcome.models.endpoint = in.endpoint;
    outcome.models.tumour = fitRadScore(in.tumour, trainRows, trainLabels, options, "tumour", evidence.notes);
    outcome.models.ring = fitRadScore(in.ring, trainRows, trainLabels, options, "ring", evidence.notes);
    for (std::size_t k = 0; k < outcome.models.tumour.featureNames.size(); ++k)
        evidence.radScoreTumour[outcome.models.tumour.featureNames[k]] =
            outcome.models.tumour.weights[static_cast<Eigen::Index>(k)];
    for (std::size_t k = 0; k < outcome.models.ring.featureNames.size(); ++k)
        evidence.radScoreRing[outcome.models.ring.featureNames[k]] =
            outcome.models.ring.weights[static_cast<Eigen::Index>(k)];
    const Eigen::VectorXd radTumour =
        outcome.models.tumour.score(columnsByName(in.tumour, outcome.models.tumour.featureNames));
    const Eigen::VectorXd radRing = outcome.models.ring.score(columnsByName(in.ring, outcome.models.ring.featureNames));

    // 2. Deep-CT on the training patients' patches; features for everyone.
    std::vector<DeepPatch> trainingPatches;
    for (int r : trainRows) {
        trainingPatches.push_back(in.patches[r]);
        trainingPatches.back().label = in.labels[r];
    }
    std::filesystem::create_directories(std::filesystem::u8path(options.modelFolder));
    const std::string deepModelPath =
        (std::filesystem::u8path(options.modelFolder) / (in.endpoint + "-deepct.pt")).string();
    SubProgress deepProgress(progress, 0.05, 0.6);
    DeepCtOptions deepOptions = options.deep;
    if (trainFewest < deepOptions.minimumClassCount) {
        evidence.notes.push_back("Deep-CT was trained with only " + std::to_string(trainFewest) +
                                 " patients in the rarer class (the network asks for " +
                                 std::to_string(deepOptions.minimumClassCount) +
                                 " by default): its numbers for this endpoint are illustrative");
        deepOptions.minimumClassCount = trainFewest;
    }
    const DeepCtResult deepResult =
        deep.trainAndExtract(trainingPatches, in.patches, deepOptions, deepModelPath, deepProgress);
    outcome.models.deepModelPath = deepResult.modelPath;
    outcome.deepFeatures = deepResult.featuresPerPatient;
    evidence.deepBackbone = options.deep.backbone;
    evidence.deepPretrained = deepResult.pretrainedWeightsUsed;
    evidence.deepValidationAuc = deepResult.bestValidationAuc;
    evidence.deepEpochs = deepResult.epochsRun;
    if (!deepResult.pretrainedWeightsUsed)
        evidence.notes.push_back("Deep-CT: no ImageNet weights were provided; the network was trained from scratch");

    // 3. The three models' inputs.
    std::vector<std::string> deepNames;
    for (int k = 1; k <= kDeepFeatureCount; ++k) deepNames.push_back("deep_" + std::to_string(k));
    Eigen::MatrixXd deepMatrix(static_cast<Eigen::Index>(n), kDeepFeatureCount);
    for (std::size_t i = 0; i < n; ++i)
        for (int k = 0; k < kDeepFeatureCount; ++k)
            deepMatrix(static_cast<Eigen::Index>(i), k) = deepResult.featuresPerPatient[i][static_cast<std::size_t>(k)];
    Eigen::MatrixXd radMatrix(static_cast<Eigen::Index>(n), 2);
    radMatrix.col(0) = radTumour;
    radMatrix.col(1) = radRing;
    Eigen::MatrixXd fusedMatrix(static_cast<Eigen::Index>(n), kDeepFeatureCount + 2);
    fusedMatrix << deepMatrix, radMatrix;
    const std::vector<std::string> radNames{"RadScore_tumour", "RadScore_ring"};
    std::vector<std::string> fusedNames = deepNames;
    fusedNames.insert(fusedNames.end(), radNames.begin(), radNames.end());
    const std::vector<std::pair<std::vector<std::string>, Eigen::MatrixXd>> inputs{
        {radNames, radMatrix}, {deepNames, deepMatrix}, {fusedNames, fusedMatrix}};

    // 4. One set of folds for all three models, so their CV AUCs are comparable.
    const auto folds = learn::repeatedStratifiedFolds(trainLabels, usableFolds(options.cvFolds, trainLabels),
                                                      options.cvRepeats, options.seed);
    if (folds.folds < options.cvFolds)
        evidence.notes.push_back("cross-validation used " + std::to_string(folds.folds) +
                                 " folds: the training cohort has only " + std::to_string(trainFewest) +
                                 " patients in its rarer class");
    outcome.cvFoldsByRepeat = folds.repeats;
    learn::PanelCvOptions panelOptions;
    panelOptions.classifiers = options.classifiers;
    panelOptions.classifier.seed = static_cast<unsigned long>(options.seed);
    panelOptions.classifier.balancedClassWeights = options.balancedClassWeights;
    panelOptions.threads = options.threads;

    for (std::size_t m = 0; m < inputs.size(); ++m) {
        progress.step(0.6 + 0.3 * static_cast<double>(m) / 3.0, in.endpoint + ": classifier panel, " + modelNames()[m]);
        const Eigen::MatrixXd trainAll = pickRows(inputs[m].second, trainRows);
        const std::vector<int> columns = varyingColumns(trainAll);
        if (columns.empty())
            throw Error(in.endpoint + ": every input of " + modelNames()[m] + " is constant in training");
        std::vector<std::string> names;
        for (int c : columns) names.push_back(inputs[m].first[c]);
        if (columns.size() < inputs[m].first.size())
            evidence.notes.push_back(modelNames()[m] + ": " + std::to_string(inputs[m].first.size() - columns.size()) +
                                     " input(s) constant in training were left out");
        const Eigen::MatrixXd xTrain = pickColumns(trainAll, columns);
        const Eigen::MatrixXd xTest = pickColumns(pickRows(inputs[m].second, testRows), columns);

        const learn::PanelCvResult cv = learn::crossValidatePanel(xTrain, trainLabels, folds, panelOptions);
        learn::ClassifierOptions classifierOptions = panelOptions.classifier;
        EndpointModels::Fitted fitted{modelNames()[m], names,
                                      learn::fitModel(cv.best, xTrain, trainLabels, classifierOptions), 0.5};

        ModelEvidence model;
        model.model = modelNames()[m];
        model.inputs = names;
        for (const auto& c : cv.classifiers) model.panel.push_back({c.name, c.meanAuc, c.sdAuc});
        model.chosenClassifier = cv.best;
        model.trainScores = toStd(fitted.fitted.predictProbability(xTrain));
        model.testScores = toStd(fitted.fitted.predictProbability(xTest));
        evaluateOnTest(trainLabels, testLabels, model);
        fitted.threshold = model.testMetrics.threshold;
        evidence.models.push_back(std::move(model));
        outcome.models.models.push_back(std::move(fitted));
    }

    // 5. Paired DeLong tests on the same test patients.
    const auto& scores = evidence.models;
    for (auto [a, b] : {std::pair{2, 0}, std::pair{2, 1}, std::pair{0, 1}}) {
        const auto comparison = stats::delongPaired(testLabels, scores[a].testScores, scores[b].testScores);
        evidence.comparisons.push_back(
            {scores[a].model, scores[b].model, comparison.auc1, comparison.auc2, comparison.z, comparison.p});
    }

    // 6. Pearson correlation of the RadScores with the deep features (training cohort).
    progress.step(0.92, in.endpoint + ": correlations and explanations");
    CorrelationSummary& correlation = evidence.correlation;
    correlation.rows = radNames;
    correlation.columns = deepNames;
    std::vector<double> absR;
    for (int row = 0; row < 2; ++row) {
        const std::vector<double> rad = pick(toStd(radMatrix.col(row)), trainRows);
        correlation.r.emplace_back();
        correlation.p.emplace_back();
        for (int k = 0; k < kDeepFeatureCount; ++k) {
            const std::vector<double> feature = pick(toStd(deepMatrix.col(k)), trainRows);
            const bool constant =
                *std::max_element(feature.begin(), feature.end()) == *std::min_element(feature.begin(), feature.end());
            const auto result =
                constant ? stats::CorrelationResult{std::nan(""), std::nan("")} : stats::pearson(rad, feature);
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

    // 7. SHAP of the Deep-RadScore model on the test patients, training patients as background.
    {
        const auto& fused = outcome.models.models[2];
        const Eigen::MatrixXd background = pickColumnsByName(fusedMatrix, fusedNames, fused.inputs, trainRows);
        const Eigen::MatrixXd explained = pickColumnsByName(fusedMatrix, fusedNames, fused.inputs, testRows);
        evidence.shap = explainModel(fused.fitted, fused.inputs, background, explained, options.shapBackgroundRows,
                                     static_cast<unsigned long>(options.seed));
    }

    // 8. Grad-CAM of the test patients the Deep-CT model is most sure are positive.
    if (options.gradCamPatients > 0) {
        std::vector<int> order(testRows.size());
        std::iota(order.begin(), order.end(), 0);
        const auto& deepScores = evidence.models[1].testScores;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return deepScores[a] > deepScores[b]; });
        for (int k = 0; k < std::min<int>(options.gradCamPatients, static_cast<int>(order.size())); ++k) {
            const DeepPatch& patch = in.patches[testRows[order[k]]];
            const std::vector<float> heat = deep.gradCam(deepResult.modelPath, patch);
            const std::string png =
                (std::filesystem::u8path(options.modelFolder) / (in.endpoint + "-gradcam-" + patch.patientId + ".png"))
                    .string();
            writeRgbPng(heatMapOverlay(patch.hu160x160, heat), kDeepPatchSizePx, kDeepPatchSizePx, png);
            evidence.gradCamImages.push_back(png);
        }
    }
    progress.step(1.0, in.endpoint + ": done");
    outcome.analysed = true;
    return outcome;
}

}  // namespace drs
