// The project schema as a list of forward migrations. docs/project-database.md explains each table.
#include "core/project/Schema.h"

namespace drs::project {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1,
         {
             // Key/value facts about the project: created_at, created_by, pseudonym_key_id (the site key
             // its pseudonyms were made with); pseudonym_salt only in projects of earlier releases.
             "CREATE TABLE project_info(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
             // Patients are known by pseudonym only; raw identifiers never reach the database.
             "CREATE TABLE patients(id INTEGER PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE, centre TEXT NOT NULL DEFAULT '',"
             " imported_at TEXT NOT NULL)",
             // Every non-endpoint column of the clinical CSV (age, sex, centre, ...), as text.
             "CREATE TABLE clinical_values(patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
             " name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(patient_id, name))",
             // An imported image: its pseudonymised copy under P.files/ (image_path), the hash of the
             // source files for provenance (never their path: it may name the patient), size, spacing.
             "CREATE TABLE studies(id INTEGER PRIMARY KEY, patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
             " modality TEXT NOT NULL, source_kind TEXT NOT NULL CHECK(source_kind IN ('dicom','nifti','nrrd','other')),"
             " source_sha256 TEXT NOT NULL, image_path TEXT NOT NULL, image_sha256 TEXT NOT NULL,"
             " size_x INTEGER NOT NULL, size_y INTEGER NOT NULL, size_z INTEGER NOT NULL,"
             " spacing_x REAL NOT NULL, spacing_y REAL NOT NULL, spacing_z REAL NOT NULL, imported_at TEXT NOT NULL)",
             "CREATE INDEX studies_by_patient ON studies(patient_id)",
             // A tumour outline on a study's grid, stored as a binary mask under P.files/.
             "CREATE TABLE rois(id INTEGER PRIMARY KEY, study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,"
             " name TEXT NOT NULL, source_kind TEXT NOT NULL CHECK(source_kind IN ('rtstruct','labelmap','seg','drawn')),"
             " source_sha256 TEXT NOT NULL, mask_path TEXT NOT NULL, mask_sha256 TEXT NOT NULL,"
             " voxel_count INTEGER NOT NULL CHECK(voxel_count > 0), UNIQUE(study_id, name))",
             // What the pipeline derives from an ROI: the tumour, the peritumoral ring, the deep patch.
             "CREATE TABLE regions(id INTEGER PRIMARY KEY, roi_id INTEGER NOT NULL REFERENCES rois(id) ON DELETE CASCADE,"
             " kind TEXT NOT NULL CHECK(kind IN ('tumour','ring','patch')), path TEXT NOT NULL, sha256 TEXT NOT NULL,"
             " voxel_count INTEGER NOT NULL, volume_mm3 REAL NOT NULL, details_json TEXT NOT NULL DEFAULT '{}',"
             " UNIQUE(roi_id, kind))",
             // The predicted endpoints (LVI, PI, T4, EGFR, ...), in import order.
             "CREATE TABLE endpoints(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
             // One label per patient and endpoint: the single source of truth for every model.
             "CREATE TABLE labels(patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
             " endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,"
             " value INTEGER NOT NULL CHECK(value IN (0, 1)), PRIMARY KEY(patient_id, endpoint_id))",
             // One radiomics extraction configuration (region kind, settings, software version) ...
             "CREATE TABLE feature_sets(id INTEGER PRIMARY KEY, region_kind TEXT NOT NULL, settings_hash TEXT NOT NULL,"
             " settings_json TEXT NOT NULL, software_version TEXT NOT NULL, created_at TEXT NOT NULL,"
             " UNIQUE(region_kind, settings_hash, software_version))",
             // ... and its values per patient and pyradiomics feature name; NULL is NaN.
             "CREATE TABLE feature_values(feature_set_id INTEGER NOT NULL REFERENCES feature_sets(id) ON DELETE CASCADE,"
             " patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE, name TEXT NOT NULL, value REAL,"
             " PRIMARY KEY(feature_set_id, patient_id, name))",
         }},
        {2,
         {
             // One pipeline run: its parameters and seed (enough to repeat it), versions, status.
             "CREATE TABLE runs(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, parameters_json TEXT NOT NULL,"
             " seed INTEGER NOT NULL, versions_json TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,"
             " status TEXT NOT NULL CHECK(status IN ('running','finished','failed','cancelled')),"
             " message TEXT NOT NULL DEFAULT '')",
             // A finished step is recorded in the same transaction as its results, so a resumed run
             // skips exactly the steps whose results are in the database.
             "CREATE TABLE run_steps(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, step TEXT NOT NULL,"
             " finished_at TEXT NOT NULL, checkpoint_json TEXT NOT NULL DEFAULT '{}', PRIMARY KEY(run_id, step))",
             // The run's train/test split per endpoint.
             "CREATE TABLE splits(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
             " endpoint_id INTEGER NOT NULL REFERENCES endpoints(id), patient_id INTEGER NOT NULL REFERENCES patients(id),"
             " subset TEXT NOT NULL CHECK(subset IN ('train','test')), PRIMARY KEY(run_id, endpoint_id, patient_id))",
             // The cross-validation folds of the training patients, per repeat.
             "CREATE TABLE cv_folds(run_id INTEGER NOT NULL, endpoint_id INTEGER NOT NULL, repeat INTEGER NOT NULL,"
             " patient_id INTEGER NOT NULL, fold INTEGER NOT NULL CHECK(fold >= 0),"
             " PRIMARY KEY(run_id, endpoint_id, repeat, patient_id),"
             " FOREIGN KEY(run_id, endpoint_id, patient_id) REFERENCES splits(run_id, endpoint_id, patient_id) ON DELETE CASCADE)",
             // The database itself refuses a test patient in a cross-validation fold.
             "CREATE TRIGGER cv_folds_training_only BEFORE INSERT ON cv_folds"
             " WHEN (SELECT subset FROM splits WHERE run_id = NEW.run_id AND endpoint_id = NEW.endpoint_id"
             " AND patient_id = NEW.patient_id) IS NOT 'train'"
             " BEGIN SELECT RAISE(ABORT, 'cross-validation fold for a patient outside the training set'); END",
             // A fitted model per run, endpoint and model kind; `model` holds ModelKind's display name
             // (Radiomics-Score, Deep-CT, Deep-RadScore); the file lives under P.files/, checked by hash.
             "CREATE TABLE trained_models(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
             " endpoint_id INTEGER NOT NULL REFERENCES endpoints(id), model TEXT NOT NULL, classifier TEXT NOT NULL,"
             " file_path TEXT NOT NULL, sha256 TEXT NOT NULL, threshold REAL, details_json TEXT NOT NULL DEFAULT '{}',"
             " created_at TEXT NOT NULL, UNIQUE(run_id, endpoint_id, model))",
             // A model's probability per patient: train and test subsets, or a new patient.
             "CREATE TABLE predictions(model_id INTEGER NOT NULL REFERENCES trained_models(id) ON DELETE CASCADE,"
             " patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
             " subset TEXT NOT NULL CHECK(subset IN ('train','test','new')), probability REAL NOT NULL,"
             " created_at TEXT NOT NULL, PRIMARY KEY(model_id, patient_id, subset))",
             // A model's metrics per subset (AUC, its CI, sensitivity, ...); NULL is NaN.
             "CREATE TABLE metrics(model_id INTEGER NOT NULL REFERENCES trained_models(id) ON DELETE CASCADE,"
             " subset TEXT NOT NULL, name TEXT NOT NULL, value REAL, PRIMARY KEY(model_id, subset, name))",
             // Paired tests between two models on the same patients (DeLong).
             "CREATE TABLE model_comparisons(model_a INTEGER NOT NULL REFERENCES trained_models(id) ON DELETE CASCADE,"
             " model_b INTEGER NOT NULL REFERENCES trained_models(id) ON DELETE CASCADE, subset TEXT NOT NULL,"
             " test TEXT NOT NULL, statistic REAL, p_value REAL, PRIMARY KEY(model_a, model_b, subset, test))",
             // SHAP values of a model's inputs per patient, with the input's value.
             "CREATE TABLE shap_values(model_id INTEGER NOT NULL REFERENCES trained_models(id) ON DELETE CASCADE,"
             " patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE, feature TEXT NOT NULL,"
             " shap REAL NOT NULL, feature_value REAL, PRIMARY KEY(model_id, patient_id, feature))",
             // Correlations between a run's model inputs per endpoint (r and p-value per method).
             "CREATE TABLE correlations(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
             " endpoint_id INTEGER NOT NULL REFERENCES endpoints(id), feature_a TEXT NOT NULL, feature_b TEXT NOT NULL,"
             " method TEXT NOT NULL, r REAL, p_value REAL, PRIMARY KEY(run_id, endpoint_id, feature_a, feature_b, method))",
             // PDF reports written from a run, under P.files/.
             "CREATE TABLE reports(id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,"
             " kind TEXT NOT NULL, file_path TEXT NOT NULL, sha256 TEXT NOT NULL, created_at TEXT NOT NULL)",
         }},
        // ROI versions: an edited outline is saved as a new version of its ROI. `rois` keeps the
        // current version's mask; everything derived records the version it was derived from, and
        // the stale_* views list what an ROI's newer version has superseded.
        {3,
         {
             "ALTER TABLE rois ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
             // Every version of every ROI: its mask, where it came from and why it was saved.
             "CREATE TABLE roi_versions(roi_id INTEGER NOT NULL REFERENCES rois(id) ON DELETE CASCADE,"
             " version INTEGER NOT NULL CHECK(version >= 1),"
             " source_kind TEXT NOT NULL CHECK(source_kind IN ('rtstruct','labelmap','seg','drawn')),"
             " source_sha256 TEXT NOT NULL, mask_path TEXT NOT NULL, mask_sha256 TEXT NOT NULL,"
             " voxel_count INTEGER NOT NULL CHECK(voxel_count > 0), reason TEXT NOT NULL DEFAULT '',"
             " created_at TEXT NOT NULL, PRIMARY KEY(roi_id, version))",
             "INSERT INTO roi_versions(roi_id, version, source_kind, source_sha256, mask_path, mask_sha256, voxel_count,"
             " reason, created_at) SELECT r.id, 1, r.source_kind, r.source_sha256, r.mask_path, r.mask_sha256,"
             " r.voxel_count, 'imported', s.imported_at FROM rois r JOIN studies s ON s.id = r.study_id",
             "ALTER TABLE regions ADD COLUMN roi_version INTEGER NOT NULL DEFAULT 1",
             // The ROI version a patient's feature values were extracted from.
             "CREATE TABLE feature_rois(feature_set_id INTEGER NOT NULL REFERENCES feature_sets(id) ON DELETE CASCADE,"
             " patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
             " roi_id INTEGER NOT NULL REFERENCES rois(id) ON DELETE CASCADE, roi_version INTEGER NOT NULL,"
             " PRIMARY KEY(feature_set_id, patient_id))",
             // The ROI version each run used.
             "CREATE TABLE run_rois(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
             " roi_id INTEGER NOT NULL REFERENCES rois(id) ON DELETE CASCADE, roi_version INTEGER NOT NULL,"
             " PRIMARY KEY(run_id, roi_id))",
             // Until now every value was derived from a patient's first ROI of the first study.
             "CREATE TEMP VIEW case_rois AS SELECT s.patient_id, (SELECT min(r.id) FROM rois r WHERE r.study_id = s.id)"
             " AS roi_id FROM studies s WHERE s.id = (SELECT min(id) FROM studies WHERE patient_id = s.patient_id)",
             "INSERT INTO feature_rois(feature_set_id, patient_id, roi_id, roi_version) SELECT DISTINCT"
             " v.feature_set_id, v.patient_id, c.roi_id, 1 FROM feature_values v JOIN case_rois c"
             " ON c.patient_id = v.patient_id WHERE c.roi_id IS NOT NULL",
             "INSERT OR IGNORE INTO run_rois(run_id, roi_id, roi_version) SELECT t.run_id, c.roi_id, 1 FROM run_steps t"
             " JOIN case_rois c ON t.step = 'features:' || c.patient_id WHERE c.roi_id IS NOT NULL",
             "DROP VIEW case_rois",
             "CREATE VIEW stale_runs AS SELECT u.run_id, u.roi_id, u.roi_version AS used_version,"
             " r.version AS current_version FROM run_rois u JOIN rois r ON r.id = u.roi_id WHERE u.roi_version <> r.version",
             "CREATE VIEW stale_features AS SELECT f.feature_set_id, f.patient_id, f.roi_id, f.roi_version AS used_version,"
             " r.version AS current_version FROM feature_rois f JOIN rois r ON r.id = f.roi_id"
             " WHERE f.roi_version <> r.version",
         }},
        // Label history: every edit of a label after import, with its time and reason. A run used
        // the value a label had when it started; superseded_label_runs lists the runs whose
        // patients' labels have another value now (a change undone later supersedes nothing).
        {4,
         {
             // One row per label edit: old and new value (NULL: no label), reason, time.
             "CREATE TABLE label_changes(id INTEGER PRIMARY KEY,"
             " patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
             " endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,"
             " old_value INTEGER CHECK(old_value IN (0, 1)), new_value INTEGER CHECK(new_value IN (0, 1)),"
             " reason TEXT NOT NULL CHECK(reason <> ''), changed_at TEXT NOT NULL)",
             "CREATE INDEX label_changes_by_label ON label_changes(patient_id, endpoint_id, changed_at)",
             "CREATE VIEW superseded_label_runs AS SELECT run_id, endpoint_id, patient_id, used_value, current_value"
             " FROM (SELECT s.run_id, s.endpoint_id, s.patient_id,"
             " (SELECT c.id FROM label_changes c WHERE c.patient_id = s.patient_id AND c.endpoint_id = s.endpoint_id"
             " AND c.changed_at > r.started_at ORDER BY c.changed_at, c.id LIMIT 1) AS first_change,"
             " (SELECT c.old_value FROM label_changes c WHERE c.patient_id = s.patient_id"
             " AND c.endpoint_id = s.endpoint_id AND c.changed_at > r.started_at ORDER BY c.changed_at, c.id LIMIT 1)"
             " AS used_value, l.value AS current_value"
             " FROM splits s JOIN runs r ON r.id = s.run_id"
             " LEFT JOIN labels l ON l.patient_id = s.patient_id AND l.endpoint_id = s.endpoint_id)"
             " WHERE first_change IS NOT NULL AND used_value IS NOT current_value",
         }},
        // External validation cohorts: their patients are locked out of every split (and so of
        // every fold); a run's validation on one keeps its evidence, predictions and metrics.
        {5,
         {
             // A named cohort of patients kept apart for external validation.
             "CREATE TABLE external_cohorts(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)",
             "ALTER TABLE patients ADD COLUMN external_cohort_id INTEGER REFERENCES external_cohorts(id)",
             "CREATE TRIGGER splits_development_only BEFORE INSERT ON splits"
             " WHEN (SELECT external_cohort_id FROM patients WHERE id = NEW.patient_id) IS NOT NULL"
             " BEGIN SELECT RAISE(ABORT, 'an external validation patient cannot enter a training/test split'); END",
             // A run's validation on one external cohort, with its evidence as JSON ...
             "CREATE TABLE external_validations(id INTEGER PRIMARY KEY,"
             " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
             " cohort_id INTEGER NOT NULL REFERENCES external_cohorts(id) ON DELETE CASCADE,"
             " evidence_json TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE(run_id, cohort_id))",
             // ... and each model's probability for each of the cohort's patients.
             "CREATE TABLE external_predictions("
             " validation_id INTEGER NOT NULL REFERENCES external_validations(id) ON DELETE CASCADE,"
             " model_id INTEGER NOT NULL REFERENCES trained_models(id) ON DELETE CASCADE,"
             " patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE, probability REAL NOT NULL,"
             " PRIMARY KEY(validation_id, model_id, patient_id))",
         }},
        {6,
         {
             // A run evaluates its test cohort once per endpoint, after every model is fitted.
             "CREATE TABLE test_evaluations(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
             " endpoint_id INTEGER NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE, evaluated_at TEXT NOT NULL,"
             " test_patients INTEGER NOT NULL, models_sha256 TEXT NOT NULL, PRIMARY KEY(run_id, endpoint_id))",
             "CREATE TRIGGER test_evaluations_unchanged BEFORE UPDATE ON test_evaluations"
             " BEGIN SELECT RAISE(ABORT, 'a test evaluation is recorded once and never changed'); END",
         }},
        // Who changed a label (login@machine), so a coordinator whose edit is refused is told who
        // changed it first; NULL for changes recorded before this version.
        {7,
         {
             "ALTER TABLE label_changes ADD COLUMN changed_by TEXT",
         }},
    };
    return steps;
}

const std::vector<const char*>& insertionOrderedTables() {
    static const std::vector<const char*> tables{"feature_values", "shap_values", "correlations"};
    return tables;
}

}  // namespace drs::project
