#pragma once
// Helpers shared by the radiomics tests: reading reference tables and comparing within tolerance.
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/radiomics/Extractor.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::radiomics::test {

// Writes `text` to the file `name` in `dir` and returns its path (parameter files of the tests).
inline std::string writeText(const QTemporaryDir& dir, const char* name, const char* text) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path) << text;
    return path;
}

// The message of the drs::Error reading the parameter file `text` (as DIR/bad.yaml) throws, or
// "no error".
inline QString parameterFileError(const QTemporaryDir& dir, const char* text) {
    try {
        readParameterFile(writeText(dir, "bad.yaml", text));
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

inline std::string testData(const std::string& relative) {
    return std::string(DRS_TEST_DATA) + "/radiomics/" + relative;
}

// README rule: pass when |actual - expected| <= 1e-6 |expected| + floor.
inline bool closeEnough(double actual, double expected, double relative = 1e-6, double floor = 1e-12) {
    if (std::isnan(expected)) return std::isnan(actual);
    return std::abs(actual - expected) <= relative * std::abs(expected) + floor;
}

inline std::map<std::string, double> byName(const std::vector<Feature>& features) {
    std::map<std::string, double> out;
    for (const Feature& f : features) out[f.name] = f.value;
    return out;
}

// Appends "name: actual vs expected" to failures when the values differ.
inline void check(QStringList& failures, const std::string& name, double actual, double expected,
                  double relative = 1e-6, double floor = 1e-12) {
    if (!closeEnough(actual, expected, relative, floor))
        failures << QString("%1: got %2, expected %3 (rel. diff %4)")
                        .arg(QString::fromStdString(name))
                        .arg(actual, 0, 'g', 17)
                        .arg(expected, 0, 'g', 17)
                        .arg(std::abs(actual - expected) / std::max(std::abs(expected), 1e-300), 0, 'g', 3);
}

// The configurations of a fixture (its first column's values, in order of appearance) as the
// data rows of a test that takes a QString "config"; returns how many.
inline std::size_t addFixtureConfigRows(const std::string& fixture) {
    QTest::addColumn<QString>("config");
    std::vector<std::string> configs;
    for (const auto& row : readCsv(testData(fixture)).rows)
        if (std::find(configs.begin(), configs.end(), row[0]) == configs.end()) {
            configs.push_back(row[0]);
            QTest::newRow(row[0].c_str()) << QString::fromStdString(row[0]);
        }
    return configs.size();
}

}  // namespace drs::radiomics::test
