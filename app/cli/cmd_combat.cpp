// drs combat: ComBat by centre on a feature table, fitted on chosen rows and applied to all, with
// the share of each feature's variance that the centre explains before and after.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "app/cli/Command.h"
#include "core/learn/ComBat.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

double median(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty()) return std::nan("");
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int runCombat(const Args& args) {
    args.allowOnly({"table", "batch", "id", "fit-rows", "covariate", "out"});
    const CsvTable table = readCsv(args.value("table"));
    const std::string batchColumn = args.value("batch");
    const std::size_t batchIndex = table.column(batchColumn);
    const std::string idColumn = args.valueOr("id", "id");
    // --fit-rows COLUMN=VALUE: only those rows fit the estimates (a training subset); all are harmonised.
    std::string fitColumn, fitValue;
    if (args.has("fit-rows")) {
        const std::string spec = args.value("fit-rows");
        const auto equals = spec.find('=');
        if (equals == std::string::npos) throw Error("--fit-rows must be COLUMN=VALUE, e.g. subset=train");
        fitColumn = spec.substr(0, equals);
        fitValue = spec.substr(equals + 1);
        table.column(fitColumn);
    }
    // --covariate COLUMN (numeric, e.g. the label): batch effects estimated net of it, as sva's mod;
    // the column is carried through unchanged.
    const std::string covariateColumn = args.valueOr("covariate", "");
    const std::size_t covariateIndex = covariateColumn.empty() ? 0 : table.column(covariateColumn);
    if (!covariateColumn.empty() &&
        (covariateColumn == batchColumn || covariateColumn == idColumn || covariateColumn == fitColumn))
        throw Error("--covariate must name a column other than the batch, id and fit-rows columns");
    std::vector<std::size_t> featureColumns;
    std::vector<std::string> names;
    for (std::size_t c = 0; c < table.header.size(); ++c)
        if (table.header[c] != batchColumn && table.header[c] != idColumn && table.header[c] != fitColumn &&
            table.header[c] != covariateColumn) {
            featureColumns.push_back(c);
            names.push_back(table.header[c]);
        }
    const auto rows = static_cast<Eigen::Index>(table.rows.size());
    Eigen::MatrixXd x(rows, static_cast<Eigen::Index>(names.size()));
    std::vector<std::string> centres;
    std::vector<Eigen::Index> fitRows;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const auto& row = table.rows[static_cast<std::size_t>(i)];
        centres.push_back(row[batchIndex]);
        if (fitColumn.empty() || row[table.column(fitColumn)] == fitValue) fitRows.push_back(i);
        for (std::size_t f = 0; f < featureColumns.size(); ++f) {
            const std::string& cell = row[featureColumns[f]];
            x(i, static_cast<Eigen::Index>(f)) =
                cell.empty() || cell == "NA" || cell == "nan" ? std::nan("") : parseDouble(cell, names[f]);
        }
    }
    Eigen::MatrixXd fit(static_cast<Eigen::Index>(fitRows.size()), x.cols());
    std::vector<std::string> fitCentres;
    Eigen::VectorXd covariate;
    if (!covariateColumn.empty()) covariate.resize(static_cast<Eigen::Index>(fitRows.size()));
    for (std::size_t k = 0; k < fitRows.size(); ++k) {
        const auto& row = table.rows[static_cast<std::size_t>(fitRows[k])];
        fit.row(static_cast<Eigen::Index>(k)) = x.row(fitRows[k]);
        fitCentres.push_back(row[batchIndex]);
        if (!covariateColumn.empty()) {
            const double value = parseDouble(row[covariateIndex], covariateColumn);
            if (!std::isfinite(value))
                throw Error(args.value("table") + ": the covariate '" + covariateColumn + "' is not finite in row " +
                            std::to_string(fitRows[k] + 1) + " of the fitting rows");
            covariate[static_cast<Eigen::Index>(k)] = value;
        }
    }
    const learn::CentreHarmonisation step = learn::CentreHarmonisation::fit(fit, fitCentres, names, covariate);
    if (!step.active()) throw Error(args.value("table") + ": ComBat needs 2 centres with at least 2 fitting rows");
    const Eigen::MatrixXd harmonised = step.apply(x, centres, names);

    CsvTable out = table;
    for (Eigen::Index i = 0; i < rows; ++i)
        for (std::size_t f = 0; f < featureColumns.size(); ++f)
            out.rows[static_cast<std::size_t>(i)][featureColumns[f]] =
                formatDouble(harmonised(i, static_cast<Eigen::Index>(f)));
    writeCsv(args.value("out"), out);

    std::vector<double> before, after;
    for (const auto& name : step.harmonisedFeatures()) {
        const auto j = static_cast<Eigen::Index>(std::find(names.begin(), names.end(), name) - names.begin());
        before.push_back(learn::centreRSquared(x.col(j), centres));
        after.push_back(learn::centreRSquared(harmonised.col(j), centres));
    }
    std::ostringstream json;
    json << "{\"features\": " << names.size() << ", \"harmonised\": " << step.harmonisedFeatures().size()
         << ", \"fit_rows\": " << fitRows.size() << ", \"rows\": " << rows
         << ", \"median_r2_centre_before\": " << formatDouble(median(before))
         << ", \"median_r2_centre_after\": " << formatDouble(median(after)) << "}\n";
    std::cout << json.str();
    return 0;
}

const Registrar registrar({"combat",
                           "ComBat by centre (sva::ComBat, parametric) on a feature table; prints the median share of "
                           "each harmonised feature's variance explained by the centre, before and after",
                           "--table T.csv --batch COLUMN [--id id] [--fit-rows COLUMN=VALUE] [--covariate COLUMN] "
                           "--out HARMONISED.csv",
                           {},
                           runCombat});

}  // namespace
}  // namespace drs::cli
