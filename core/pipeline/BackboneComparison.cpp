#include "core/pipeline/BackboneComparison.h"

#include <algorithm>

#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

const BackboneSubset* BackboneResult::subset(const std::string& name) const {
    for (const auto& s : subsets)
        if (s.subset == name) return &s;
    return nullptr;
}

BackboneComparison readBackboneComparison(const std::string& path) {
    const CsvTable table = readCsv(path);
    BackboneComparison comparison;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::string where = path + " line " + std::to_string(r + 2);
        const auto cell = [&](const std::string& column) -> const std::string& { return row[table.column(column)]; };
        const auto number = [&](const std::string& column) { return parseDouble(cell(column), where + " " + column); };
        const auto count = [&](const std::string& column) {
            const double value = number(column);
            if (!(value >= 0) || value != std::floor(value))
                throw Error(where + ": " + column + " '" + cell(column) + "' is not a count");
            return static_cast<int>(value);
        };
        const auto metric = [&](const std::string& name) {
            return MetricWithCi{number(name), number(name + "_ci_low"), number(name + "_ci_high")};
        };
        BackboneSubset subset;
        subset.subset = cell("subset");
        if (subset.subset != "training" && subset.subset != "validation" && subset.subset != "test")
            throw Error(where + ": subset '" + subset.subset + "' is not training, validation or test");
        subset.patients = count("n");
        subset.positives = count("n_positive");
        subset.auc = metric("auc");
        subset.accuracy = metric("accuracy");
        subset.sensitivity = metric("sensitivity");
        subset.specificity = metric("specificity");
        subset.ppv = metric("ppv");
        subset.npv = metric("npv");
        const std::string& pretrained = cell("pretrained");
        if (pretrained != "true" && pretrained != "false")
            throw Error(where + ": pretrained '" + pretrained + "' is not true or false");
        const int rank = count("rank_by_validation_auc");
        const std::string& name = cell("backbone");
        if (name.empty()) throw Error(where + ": no backbone named");
        auto backbone = std::find_if(comparison.backbones.begin(), comparison.backbones.end(),
                                     [&](const BackboneResult& b) { return b.backbone == name; });
        if (backbone == comparison.backbones.end()) {
            comparison.backbones.push_back({name, rank, pretrained == "true", count("epochs_run"), {}});
            backbone = comparison.backbones.end() - 1;
        } else if (backbone->rank != rank) {
            throw Error(where + ": " + name + " ranked " + std::to_string(rank) + " here and " +
                        std::to_string(backbone->rank) + " above");
        }
        if (backbone->subset(subset.subset)) throw Error(where + ": " + name + " " + subset.subset + " listed twice");
        backbone->subsets.push_back(subset);
    }
    if (comparison.backbones.empty()) throw Error(path + ": no backbone in the comparison");
    std::stable_sort(comparison.backbones.begin(), comparison.backbones.end(),
                     [](const BackboneResult& a, const BackboneResult& b) { return a.rank < b.rank; });
    return comparison;
}

}  // namespace drs
