#pragma once
#include <QtTest>

#include <map>
#include <string>

#include "core/util/Csv.h"

// Named reference numbers (name,value) written once by R or scikit-learn into tests/data/stats/.
namespace drs::testing {

inline std::string statsData(const std::string& file) { return std::string(DRS_TEST_DATA) + "/stats/" + file; }

class ReferenceValues {
public:
    explicit ReferenceValues(const std::string& file) {
        const CsvTable table = readCsv(statsData(file));
        for (const auto& row : table.rows) values_[row.at(0)] = row.at(1);
    }
    double number(const std::string& name) const {
        const auto it = values_.find(name);
        if (it == values_.end()) throw std::runtime_error("reference value missing: " + name);
        return parseDouble(it->second, name);
    }
    const std::string& text(const std::string& name) const {
        const auto it = values_.find(name);
        if (it == values_.end()) throw std::runtime_error("reference value missing: " + name);
        return it->second;
    }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace drs::testing

namespace drs::testing {

// The synthetic cohort of tests/data/stats/cohort.csv, column by column.
class Cohort {
public:
    Cohort() : table_(readCsv(statsData("cohort.csv"))) {}
    std::vector<double> numbers(const std::string& name) const {
        const std::size_t c = table_.column(name);
        std::vector<double> out;
        for (const auto& row : table_.rows) out.push_back(parseDouble(row[c], name));
        return out;
    }
    std::vector<int> labels(const std::string& name) const {
        std::vector<int> out;
        for (double v : numbers(name)) out.push_back(static_cast<int>(v));
        return out;
    }
    std::vector<std::string> text(const std::string& name) const {
        const std::size_t c = table_.column(name);
        std::vector<std::string> out;
        for (const auto& row : table_.rows) out.push_back(row[c]);
        return out;
    }
    std::size_t rows() const { return table_.rows.size(); }

private:
    CsvTable table_;
};

}  // namespace drs::testing
