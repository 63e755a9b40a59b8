#include "core/pipeline/CohortEvidence.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>
#include <set>

#include "core/pipeline/CohortTable.h"
#include "core/project/Cohort.h"
#include "core/project/Runs.h"

namespace drs {

namespace {

// Covariates in the order they first appear (patients by id, names sorted within a patient).
std::vector<ClinicalVariable> clinicalVariables(project::CohortRepository& cohort,
                                                const std::vector<project::PatientRow>& patients) {
    std::vector<std::map<std::string, std::string>> values;
    std::vector<std::string> names;
    for (const auto& p : patients) {
        values.push_back(cohort.clinicalValues(p.id));
        for (const auto& entry : values.back())
            if (std::find(names.begin(), names.end(), entry.first) == names.end()) names.push_back(entry.first);
    }
    std::vector<ClinicalVariable> variables;
    for (const auto& name : names) {
        ClinicalVariable variable{name, false, {}};
        for (const auto& patientValues : values) {
            const auto found = patientValues.find(name);
            variable.values.push_back(found == patientValues.end() ? "" : found->second);
        }
        variable.continuous = looksContinuous(variable.values);
        variables.push_back(std::move(variable));
    }
    return variables;
}

// Each endpoint's label per patient, read from the development cohort and the external cohorts of
// cohortIds (labels() reads one cohort at a time).
std::vector<ClinicalVariable> endpointVariables(project::CohortRepository& cohort,
                                                const std::vector<project::PatientRow>& patients,
                                                const std::vector<std::int64_t>& cohortIds) {
    std::vector<ClinicalVariable> variables;
    for (const auto& endpoint : cohort.endpoints()) {
        ClinicalVariable variable{endpoint, false, std::vector<std::string>(patients.size())};
        std::map<std::int64_t, int> labelOf;
        for (std::int64_t cohortId : cohortIds)
            for (const auto& label : cohort.labels(endpoint, cohortId)) labelOf[label.patientId] = label.value;
        for (std::size_t p = 0; p < patients.size(); ++p) {
            const auto found = labelOf.find(patients[p].id);
            if (found != labelOf.end()) variable.values[p] = found->second ? "positive" : "negative";
        }
        variables.push_back(std::move(variable));
    }
    return variables;
}

}  // namespace

void addPatientCharacteristics(project::ProjectDb& db, std::int64_t runId, StudyEvidence& study) {
    project::RunRepository runs(db);
    project::CohortRepository cohort(db);
    const auto split = runs.checkpoint(runId, "split");
    if (!split) return;
    std::set<qint64> test;
    for (const auto& v : QJsonDocument::fromJson(QByteArray::fromStdString(*split)).object()["test_patients"].toArray())
        test.insert(v.toInteger());

    auto patients = cohort.patients();
    std::vector<std::string> cohortNames{"Training", "Internal test"};
    std::vector<int> cohortOf;
    for (const auto& p : patients) cohortOf.push_back(test.count(p.id) ? 1 : 0);
    // Each locked external cohort of the project is a column of its own, compared with training.
    std::vector<std::int64_t> cohortIds{project::kDevelopmentCohort};
    for (const auto& name : cohort.externalCohorts()) {
        const std::int64_t id = *cohort.findExternalCohort(name);
        cohortIds.push_back(id);
        cohortNames.push_back("External: " + name);
        for (const auto& p : cohort.patients(id)) {
            patients.push_back(p);
            cohortOf.push_back(static_cast<int>(cohortNames.size()) - 1);
        }
    }
    // A cohort without patients gets no column (a project whose test set is empty, say).
    for (int c = static_cast<int>(cohortNames.size()) - 1; c >= 0; --c)
        if (std::find(cohortOf.begin(), cohortOf.end(), c) == cohortOf.end()) {
            cohortNames.erase(cohortNames.begin() + c);
            for (int& of : cohortOf) of -= of > c;
        }
    if (cohortNames.empty()) return;

    ClinicalVariable centre{"centre", false, {}};
    std::vector<std::string> centres;
    for (const auto& p : patients) {
        centre.values.push_back(p.centre);
        if (std::find(centres.begin(), centres.end(), p.centre) == centres.end()) centres.push_back(p.centre);
    }
    std::sort(centres.begin(), centres.end());
    auto covariates = clinicalVariables(cohort, patients);
    // The import's centre column is also kept as a clinical value: one row for it, not two.
    std::erase_if(covariates, [&](const ClinicalVariable& v) { return v.values == centre.values; });
    const auto endpoints = endpointVariables(cohort, patients, cohortIds);

    std::vector<ClinicalVariable> variables{centre};
    variables.insert(variables.end(), covariates.begin(), covariates.end());
    variables.insert(variables.end(), endpoints.begin(), endpoints.end());
    study.cohortTable = cohortCharacteristics(variables, cohortOf, cohortNames, true);

    if (centres.size() > 1) {
        std::vector<int> centreOf;
        for (const auto& p : patients)
            centreOf.push_back(static_cast<int>(std::find(centres.begin(), centres.end(), p.centre) - centres.begin()));
        std::vector<std::string> columns;
        for (const auto& c : centres) columns.push_back(c.empty() ? "(no centre)" : c);
        ClinicalVariable cohortVariable{"cohort", false, {}};
        for (int c : cohortOf) cohortVariable.values.push_back(cohortNames[static_cast<std::size_t>(c)]);
        std::vector<ClinicalVariable> byCentre{cohortVariable};
        byCentre.insert(byCentre.end(), covariates.begin(), covariates.end());
        byCentre.insert(byCentre.end(), endpoints.begin(), endpoints.end());
        study.cohortByCentre = cohortCharacteristics(byCentre, centreOf, columns, false);
    }
}

}  // namespace drs
