#include "core/pipeline/ExternalCohort.h"

#include <algorithm>
#include <set>

#include "core/project/Cohort.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::string joined(const std::set<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// "endpoint columns missing: ALK; unexpected: KRAS_v2", or empty when both sets are equal.
std::string difference(const std::string& what, const std::set<std::string>& project,
                       const std::set<std::string>& cohort) {
    std::set<std::string> missing, unexpected;
    std::set_difference(project.begin(), project.end(), cohort.begin(), cohort.end(),
                        std::inserter(missing, missing.end()));
    std::set_difference(cohort.begin(), cohort.end(), project.begin(), project.end(),
                        std::inserter(unexpected, unexpected.end()));
    std::string text;
    if (!missing.empty()) text += what + " missing: " + joined(missing);
    if (!unexpected.empty()) text += (text.empty() ? what + " " : "; ") + "not in the project: " + joined(unexpected);
    return text;
}

}  // namespace

std::int64_t openExternalCohort(project::ProjectDb& db, const std::string& name,
                                const std::vector<std::string>& endpointColumns,
                                const std::vector<std::string>& otherColumns, const std::string& clinicalCsv) {
    if (name.empty() || name.find_first_of("\r\n\t") != std::string::npos || name.front() == ' ' || name.back() == ' ')
        throw Error("external cohort name '" + name +
                    "': give a non-empty name without tabs, line breaks or "
                    "surrounding spaces");
    project::CohortRepository cohort(db);
    if (cohort.findExternalCohort(name))
        throw Error(db.path() + ": an external cohort named '" + name + "' is already in the project");
    if (cohort.patients().empty())
        throw Error(db.path() +
                    ": import the development cohort first; an external cohort is checked against "
                    "its endpoints and clinical columns");
    const auto projectEndpoints = cohort.endpoints();
    const auto projectVariables = cohort.clinicalVariableNames();
    const std::string endpoints = difference("endpoint columns", {projectEndpoints.begin(), projectEndpoints.end()},
                                             {endpointColumns.begin(), endpointColumns.end()});
    const std::string variables = difference("clinical columns", {projectVariables.begin(), projectVariables.end()},
                                             {otherColumns.begin(), otherColumns.end()});
    if (!endpoints.empty() || !variables.empty())
        throw Error(clinicalCsv + ": the external cohort's columns differ from the project's (" + endpoints +
                    (endpoints.empty() || variables.empty() ? "" : "; ") + variables + "); nothing was imported");
    return cohort.addExternalCohort(name);
}

void dropEmptyExternalCohort(project::ProjectDb& db, std::int64_t cohortId) {
    if (!project::CohortRepository(db).patients(cohortId).empty()) return;
    auto remove = db.prepare("DELETE FROM external_cohorts WHERE id = ?");
    remove.addBindValue(QVariant::fromValue<qlonglong>(cohortId));
    db.run(remove, "remove the empty external cohort");
}

}  // namespace drs
