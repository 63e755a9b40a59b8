#include "core/pipeline/ExternalValidation.h"

#include <QFile>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/image/ImageIO.h"
#include "core/pipeline/EndpointAnalysis.h"
#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/ModelEvaluation.h"
#include "core/pipeline/RunFeatureSettings.h"
#include "core/project/Cohort.h"
#include "core/project/Results.h"
#include "core/project/Runs.h"
#include "core/radiomics/Extractor.h"
#include "core/stats/Roc.h"
#include "core/util/Error.h"
#include "core/util/Parallel.h"

namespace drs {

namespace {

// One external patient's inputs, computed with the run's settings; problem says why it has none.
struct ExternalPatient {
    std::int64_t id = 0;
    std::string pseudonym;
    std::string centre;
    std::map<std::string, double> tumour, ring;
    DeepPatch patch;
    std::string problem;
};

ExternalPatient computePatient(const project::CaseFiles& c, const RunFeatureSettings& settings) {
    ExternalPatient patient;
    patient.id = c.patientId;
    patient.pseudonym = c.pseudonym;
    patient.centre = c.centre;
    try {
        const Volume image = readVolume(c.imagePath);
        const LabelMap mask = readLabelMap(c.maskPath);
        const Regions regions = computeRegions(image, mask, settings.regions, c.maskPath);
        for (const auto& f : radiomics::extractFeatures(image, regions.tumour, 1, settings.radiomics, settings.wavelet))
            patient.tumour[f.name] = f.value;
        for (const auto& f : radiomics::extractFeatures(image, regions.ring, 1, settings.radiomics, settings.wavelet))
            patient.ring[f.name] = f.value;
        patient.patch = deepPatchOf(c.pseudonym, regions);
    } catch (const std::exception& e) {
        patient.problem = e.what();
    }
    return patient;
}

std::vector<ExternalPatient> computePatients(const std::vector<project::CaseFiles>& cases,
                                             const RunFeatureSettings& settings, Progress& progress) {
    constexpr int kThreads = 2;
    std::vector<ExternalPatient> patients(cases.size());
    for (std::size_t begin = 0; begin < cases.size(); begin += kThreads) {
        progress.step(static_cast<double>(begin) / static_cast<double>(cases.size()),
                      "external patient " + std::to_string(begin + 1) + " of " + std::to_string(cases.size()));
        const int batch = static_cast<int>(std::min<std::size_t>(kThreads, cases.size() - begin));
        parallelFor(batch, kThreads, &progress,
                    [&](int k) { patients[begin + k] = computePatient(cases[begin + k], settings); });
    }
    return patients;
}

EndpointModels loadBundle(project::ResultRepository& results, const project::ModelRow& row) {
    const std::string path = results.verifiedModelFile(row);
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) throw Error(path + ": cannot open the model bundle");
    return EndpointModels::fromJson(QJsonDocument::fromJson(file.readAll()).object(), path);
}

double featureOf(const std::map<std::string, double>& features, const std::string& name) {
    const auto found = features.find(name);
    if (found == features.end()) throw Error("the run's model needs feature '" + name + "', which was not extracted");
    return found->second;
}

// The run's ComBat estimates applied to one patient's features; a centre without estimates (one the
// training cohort did not have) and a run without ComBat leave them as they are.
std::map<std::string, double> harmonised(const std::map<std::string, double>& features,
                                         const learn::CentreHarmonisation& step, const std::string& centre) {
    if (!step.active()) return features;
    const auto& names = step.harmonisedFeatures();
    Eigen::MatrixXd row(1, static_cast<Eigen::Index>(names.size()));
    for (std::size_t k = 0; k < names.size(); ++k) row(0, static_cast<Eigen::Index>(k)) = featureOf(features, names[k]);
    const Eigen::MatrixXd moved = step.apply(row, {centre}, names);
    std::map<std::string, double> result = features;
    for (std::size_t k = 0; k < names.size(); ++k) result[names[k]] = moved(0, static_cast<Eigen::Index>(k));
    return result;
}

int countOf(const std::vector<int>& labels, int value) {
    return static_cast<int>(std::count(labels.begin(), labels.end(), value));
}

// The three models of one endpoint on the cohort's labelled patients (rows), at the run's thresholds.
EndpointEvidence evaluateEndpoint(const std::string& endpoint, const EndpointModels& bundle,
                                  const std::vector<project::ModelRow>& rows,
                                  const std::vector<const ExternalPatient*>& patients, const std::vector<int>& labels,
                                  DeepCtPort& deep) {
    EndpointEvidence evidence;
    evidence.endpoint = endpoint;
    for (const auto* p : patients) evidence.testPatients.push_back(p->pseudonym);
    evidence.testLabels = labels;
    const int positives = countOf(labels, 1), negatives = countOf(labels, 0);
    if (positives < 2 || negatives < 2) {
        evidence.notes.push_back("not evaluated: " + std::to_string(positives) + " positive and " +
                                 std::to_string(negatives) +
                                 " negative labelled external patients (at least 2 of each are needed for a DeLong "
                                 "interval)");
        return evidence;
    }

    std::vector<DeepPatch> patches;
    for (const auto* p : patients) patches.push_back(p->patch);
    const std::vector<DeepFeatures> deepFeatures = deep.extract(bundle.deepModelPath, patches);
    std::vector<std::map<std::string, double>> inputs(patients.size());
    std::set<std::string> unharmonised;
    for (std::size_t i = 0; i < patients.size(); ++i) {
        const auto& known = bundle.tumourCombat.centres();
        if (bundle.tumourCombat.active() && std::find(known.begin(), known.end(), patients[i]->centre) == known.end())
            unharmonised.insert(patients[i]->centre);
        const auto tumourFeatures = harmonised(patients[i]->tumour, bundle.tumourCombat, patients[i]->centre);
        const auto ringFeatures = harmonised(patients[i]->ring, bundle.ringCombat, patients[i]->centre);
        Eigen::MatrixXd tumour(1, static_cast<Eigen::Index>(bundle.tumour.featureNames.size()));
        for (std::size_t k = 0; k < bundle.tumour.featureNames.size(); ++k)
            tumour(0, static_cast<Eigen::Index>(k)) = featureOf(tumourFeatures, bundle.tumour.featureNames[k]);
        Eigen::MatrixXd ring(1, static_cast<Eigen::Index>(bundle.ring.featureNames.size()));
        for (std::size_t k = 0; k < bundle.ring.featureNames.size(); ++k)
            ring(0, static_cast<Eigen::Index>(k)) = featureOf(ringFeatures, bundle.ring.featureNames[k]);
        inputs[i]["RadScore_tumour"] = bundle.tumour.score(tumour)[0];
        inputs[i]["RadScore_ring"] = bundle.ring.score(ring)[0];
        for (int k = 0; k < kDeepFeatureCount; ++k)
            inputs[i]["deep_" + std::to_string(k + 1)] = deepFeatures[i][static_cast<std::size_t>(k)];
    }
    for (const auto& centre : unharmonised)
        evidence.notes.push_back("ComBat: centre '" + centre +
                                 "' had no training patients, so it has no estimates; its patients' features were "
                                 "used as extracted");

    for (ModelKind kind : kModelKinds) {
        if (!bundle.has(kind)) {
            evidence.notes.push_back(displayName(kind) + ": not built in this run (no radiomic signature)");
            continue;
        }
        const auto& fitted = bundle.model(kind);
        Eigen::MatrixXd x(static_cast<Eigen::Index>(patients.size()), static_cast<Eigen::Index>(fitted.inputs.size()));
        for (std::size_t i = 0; i < patients.size(); ++i)
            for (std::size_t k = 0; k < fitted.inputs.size(); ++k)
                x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = inputs[i].at(fitted.inputs[k]);
        ModelEvidence model;
        model.model = fitted.model;
        model.inputs = fitted.inputs;
        for (const auto& row : rows)
            if (row.model == fitted.model) model.chosenClassifier = row.classifier;
        const Eigen::VectorXd probabilities = fitted.fitted.predictProbability(x);
        model.testScores.assign(probabilities.data(), probabilities.data() + probabilities.size());
        model.trainAuc = std::nan("");  // nothing was trained on this cohort
        evaluateAtThreshold(labels, fitted.threshold, model);
        evidence.models.push_back(std::move(model));
    }
    compareModelsOnTest(evidence);
    return evidence;
}

std::string subsetOf(const std::string& cohort) { return "external:" + cohort; }

void store(project::ProjectDb& db, std::int64_t runId, std::int64_t cohortId, const ExternalValidation& validation,
           const std::map<std::string, std::int64_t>& patientIds) {
    project::ResultRepository results(db);
    const QString subset = QString::fromStdString(subsetOf(validation.cohort));
    project::Transaction transaction(db);
    auto forget = [&](const std::string& sql) {
        auto query = db.prepare(sql);
        query.addBindValue(subset);
        query.addBindValue(QVariant::fromValue<qlonglong>(runId));
        db.run(query, "replace an earlier external validation");
    };
    forget("DELETE FROM metrics WHERE subset = ? AND model_id IN (SELECT id FROM trained_models WHERE run_id = ?)");
    forget(
        "DELETE FROM model_comparisons WHERE subset = ? AND model_a IN (SELECT id FROM trained_models WHERE run_id = ?)");
    auto previous = db.prepare("DELETE FROM external_validations WHERE run_id = ? AND cohort_id = ?");
    previous.addBindValue(QVariant::fromValue<qlonglong>(runId));
    previous.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    db.run(previous, "replace an earlier external validation");

    StudyEvidence wrapper;
    wrapper.externalValidations.push_back(validation);
    auto insert = db.prepare(
        "INSERT INTO external_validations(run_id, cohort_id, evidence_json, created_at) VALUES (?, ?, ?, ?)");
    insert.addBindValue(QVariant::fromValue<qlonglong>(runId));
    insert.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    insert.addBindValue(QString::fromStdString(studyEvidenceToJsonText(wrapper)));
    insert.addBindValue(QString::fromStdString(project::utcNow()));
    db.run(insert, "store the external validation");
    const std::int64_t validationId = db.insertedId(insert);

    auto prediction = db.prepare(
        "INSERT INTO external_predictions(validation_id, model_id, patient_id, probability) VALUES (?, ?, ?, ?)");
    for (const auto& e : validation.endpoints) {
        if (e.models.empty()) continue;
        std::map<std::string, std::int64_t> modelIds;
        for (const auto& row : results.models(runId, e.endpoint)) modelIds[row.model] = row.id;
        for (const auto& m : e.models) {
            const std::int64_t modelId = modelIds.at(m.model);
            for (std::size_t i = 0; i < e.testPatients.size(); ++i) {
                prediction.bindValue(0, QVariant::fromValue<qlonglong>(validationId));
                prediction.bindValue(1, QVariant::fromValue<qlonglong>(modelId));
                prediction.bindValue(2, QVariant::fromValue<qlonglong>(patientIds.at(e.testPatients[i])));
                prediction.bindValue(3, m.testScores[i]);
                db.run(prediction, "store an external prediction");
            }
            results.saveMetrics(modelId, subsetOf(validation.cohort), storedTestMetrics(m));
        }
        for (const auto& c : e.comparisons)
            results.saveComparison(
                {modelIds.at(c.modelA), modelIds.at(c.modelB), subsetOf(validation.cohort), "delong_paired", c.z, c.p});
    }
    transaction.commit();
}

}  // namespace

ExternalValidation validateOnExternalCohort(project::ProjectDb& db, DeepCtPort& deep, std::int64_t runId,
                                            const std::string& cohort, Progress& progress) {
    const auto run = project::RunRepository(db).run(runId);
    if (!run || run->kind != "pipeline") throw Error(db.path() + ": no pipeline run " + std::to_string(runId));
    if (run->status != "finished")
        throw Error(db.path() + ": run " + std::to_string(runId) + " is " + run->status +
                    ", not finished; only a finished run can be validated (nothing was written)");
    project::CohortRepository cohorts(db);
    const auto cohortId = cohorts.findExternalCohort(cohort);
    if (!cohortId) {
        std::string known;
        for (const auto& name : cohorts.externalCohorts()) known += (known.empty() ? "" : ", ") + name;
        throw Error(
            db.path() + ": no external cohort named '" + cohort + "' (" +
            (known.empty() ? "the project has none; import one with drs import --external NAME" : "known: " + known) +
            ")");
    }
    const RunFeatureSettings settings = runFeatureSettings(run->parametersJson, db.path() + " run parameters");

    SubProgress featureProgress(progress, 0.0, 0.8);
    const auto computed = computePatients(cohorts.caseFiles(*cohortId), settings, featureProgress);
    ExternalValidation validation;
    validation.cohort = cohort;
    std::map<std::int64_t, const ExternalPatient*> byId;
    std::map<std::string, std::int64_t> patientIds;
    for (const auto& p : computed) {
        if (!p.problem.empty()) {
            validation.notes.push_back(p.pseudonym + " left out: " + p.problem);
            continue;
        }
        byId[p.id] = &p;
        patientIds[p.pseudonym] = p.id;
    }
    if (byId.empty()) throw Error(db.path() + ": external cohort '" + cohort + "' has no analysable patient");

    project::ResultRepository results(db);
    const auto endpoints = cohorts.endpoints();
    for (std::size_t e = 0; e < endpoints.size(); ++e) {
        progress.step(0.8 + 0.2 * static_cast<double>(e) / static_cast<double>(endpoints.size()), endpoints[e]);
        const auto rows = results.models(runId, endpoints[e]);
        if (rows.empty()) continue;  // not analysed in this run
        std::vector<const ExternalPatient*> patients;
        std::vector<int> labels;
        for (const auto& label : cohorts.labels(endpoints[e], *cohortId)) {
            const auto found = byId.find(label.patientId);
            if (found == byId.end()) continue;
            patients.push_back(found->second);
            labels.push_back(label.value);
        }
        validation.endpoints.push_back(
            evaluateEndpoint(endpoints[e], loadBundle(results, rows.front()), rows, patients, labels, deep));
    }
    if (validation.endpoints.empty())
        throw Error(db.path() + ": run " + std::to_string(runId) + " has no analysed endpoint to validate");
    store(db, runId, *cohortId, validation, patientIds);
    progress.step(1.0, "external validation stored");
    return validation;
}

std::vector<ExternalValidation> externalValidations(project::ProjectDb& db, std::int64_t runId) {
    auto query = db.prepare(
        "SELECT v.evidence_json FROM external_validations v JOIN external_cohorts c ON c.id = v.cohort_id"
        " WHERE v.run_id = ? ORDER BY c.id");
    query.addBindValue(QVariant::fromValue<qlonglong>(runId));
    db.run(query, "read the run's external validations");
    std::vector<ExternalValidation> validations;
    while (query.next()) {
        const StudyEvidence wrapper =
            studyEvidenceFromJsonText(query.value(0).toString().toStdString(),
                                      db.path() + " external validation of run " + std::to_string(runId));
        validations.insert(validations.end(), wrapper.externalValidations.begin(), wrapper.externalValidations.end());
    }
    return validations;
}

}  // namespace drs
