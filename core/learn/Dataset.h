#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/util/Csv.h"

namespace drs::learn {

// Patients x features with one binary label per patient. Rows are in table order; `ids` are
// unique. This is the only place a learning step gets labels from.
struct Dataset {
    std::vector<std::string> ids;
    std::vector<std::string> featureNames;
    Eigen::MatrixXd features;  // rows = patients, columns = featureNames
    std::vector<int> labels;   // 0 or 1
    std::string source;        // file, for messages
    // Constant columns of the default feature set, left out (datasetFromTable).
    std::vector<std::string> constantLeftOut;

    int rows() const { return static_cast<int>(labels.size()); }
    int positives() const;
    Dataset subset(const std::vector<int>& rowIndices) const;
};

struct DatasetColumns {
    std::string label;
    // Empty: every column except id, label, `excluded` and pyradiomics' diagnostics_* columns.
    std::vector<std::string> features;
    std::string id = "id";  // when absent from the table, ids are the 0-based row numbers
    // Columns that are not features (e.g. the clinical columns drs extract copies from a cases file).
    std::vector<std::string> excluded;
};

// Builds a Dataset from a CSV table. Throws Error naming the file, column and row for: a missing
// column (an excluded one too), a label that is empty/NA or not 0/1, a single class, duplicate ids,
// a feature cell that is not a finite number, and a named feature that is constant over all rows
// (a constant column of the default feature set is left out and listed in constantLeftOut).
Dataset datasetFromTable(const CsvTable& table, const DatasetColumns& columns);

// A 0/1 label column; missing or non-binary values throw Error naming the file and row.
std::vector<int> binaryColumn(const CsvTable& table, const std::string& column);
// A numeric column; cells that are not finite numbers throw Error naming the file and row.
std::vector<double> finiteColumn(const CsvTable& table, const std::string& column);

}  // namespace drs::learn
