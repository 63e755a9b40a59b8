#pragma once
#include <QJsonObject>
#include <string>

#include "core/pipeline/Evidence.h"

namespace drs {

// StudyEvidence and PatientPrediction as JSON, for the project database and `drs report`.
//
// Encoding (study evidence format version 2, patient prediction version 1):
// - top level {"format": "deepradscore-study-evidence" | "deepradscore-patient-prediction",
//   "version": 2 | 1, ...}; keys are the struct fields in snake_case (test_auc_ci_low, ...), each
//   listed once in EvidenceJson.cpp's field tables, which the writer and the reader share.
// - finite doubles are JSON numbers written in shortest round-trip form, so text -> double ->
//   text is lossless (bit for bit, except that -0.0 reads back as 0.0); non-finite doubles are the
//   strings "NaN", "Infinity" and "-Infinity" (JSON has no such numbers). When reading, null is
//   also accepted as NaN.
// - curves are arrays of [x, y] pairs; matrices are arrays of rows; string maps are objects.
// Reading is strict about types (a string where a number belongs is an Error naming the file
// and the key path) and lenient about absent keys (the struct's default value), so evidence
// written before a field existed still loads. A version newer than this program knows is
// refused with an error naming it.

QJsonObject studyEvidenceToJson(const StudyEvidence& evidence);
StudyEvidence studyEvidenceFromJson(const QJsonObject& json, const std::string& source);
QJsonObject patientPredictionToJson(const PatientPrediction& prediction);
PatientPrediction patientPredictionFromJson(const QJsonObject& json, const std::string& source);

// Indented UTF-8 JSON text, and back (source names the text's origin in error messages).
std::string studyEvidenceToJsonText(const StudyEvidence& evidence);
StudyEvidence studyEvidenceFromJsonText(const std::string& text, const std::string& source);
std::string patientPredictionToJsonText(const PatientPrediction& prediction);
PatientPrediction patientPredictionFromJsonText(const std::string& text, const std::string& source);

// Files: writes are atomic (temporary file + rename); errors name the file and the problem.
void writeStudyEvidence(const std::string& path, const StudyEvidence& evidence);
StudyEvidence readStudyEvidence(const std::string& path);
void writePatientPrediction(const std::string& path, const PatientPrediction& prediction);
PatientPrediction readPatientPrediction(const std::string& path);

}  // namespace drs
