#include "core/learn/Classifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"

namespace drs::learn {

std::string Classifier::save() const {
    const QJsonObject document{
        {"classifier", QString::fromStdString(name())}, {"parameters", parameters()}, {"state", state()}};
    return QJsonDocument(document).toJson(QJsonDocument::Compact).toStdString();
}

const std::vector<std::string>& panelClassifierNames() {
    static const std::vector<std::string> names{"svm", "knn", "rf", "nb", "lr", "mlp", "lda"};
    return names;
}

std::unique_ptr<Classifier> makeClassifier(const std::string& name, const ClassifierOptions& options) {
    if (name == "svm") return makeSvm(options);
    if (name == "knn") return makeKnn();
    if (name == "rf") return std::make_unique<RandomForest>(options);
    if (name == "nb") return makeGaussianNaiveBayes();
    if (name == "lr") return std::make_unique<LogisticRegression>(options);
    if (name == "mlp") return makeMlp(options);
    if (name == "lda") return makeLda();
    throw Error("unknown classifier '" + name + "' (known: svm, knn, rf, nb, lr, mlp, lda)");
}

std::unique_ptr<Classifier> loadClassifier(const std::string& savedJson) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(savedJson), &error);
    if (!document.isObject())
        throw Error("saved classifier: not a JSON object (" + error.errorString().toStdString() + ")");
    const QJsonObject root = document.object();
    const QJsonObject parameters = root["parameters"].toObject();
    ClassifierOptions options;
    options.seed = static_cast<unsigned long>(parameters["seed"].toDouble(0));
    options.balancedClassWeights = parameters["class_weight"].toString() == "balanced";
    auto model = makeClassifier(root["classifier"].toString().toStdString(), options);
    model->load(root["state"].toObject());
    return model;
}

void checkTrainingData(const Eigen::MatrixXd& x, const std::vector<int>& labels, const std::string& who) {
    if (x.rows() != static_cast<Eigen::Index>(labels.size()))
        throw Error(who + ": " + std::to_string(x.rows()) + " rows but " + std::to_string(labels.size()) + " labels");
    if (x.cols() == 0) throw Error(who + ": no features");
    if (!x.allFinite()) throw Error(who + ": features contain NaN or infinite values");
    int positives = 0;
    for (int y : labels) {
        if (y != 0 && y != 1) throw Error(who + ": labels must be 0 or 1");
        positives += y;
    }
    if (positives == 0 || positives == static_cast<int>(labels.size()))
        throw Error(who + ": the training rows hold a single class; nothing to learn");
}

Eigen::VectorXd classWeights(const std::vector<int>& labels, bool balanced) {
    Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(labels.size()));
    if (!balanced) return w;
    double positives = 0;
    for (int y : labels) positives += y;
    const double n = static_cast<double>(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        w[static_cast<Eigen::Index>(i)] = n / (2.0 * (labels[i] == 1 ? positives : n - positives));
    return w;
}

QJsonValue toJson(const Eigen::MatrixXd& m) {
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c) row.append(m(r, c));
        rows.append(row);
    }
    return rows;
}

QJsonValue toJson(const Eigen::VectorXd& v) {
    QJsonArray values;
    for (Eigen::Index i = 0; i < v.size(); ++i) values.append(v[i]);
    return values;
}

Eigen::MatrixXd matrixFromJson(const QJsonValue& value, const std::string& what) {
    const QJsonArray rows = value.toArray();
    if (rows.isEmpty()) throw Error("saved classifier: '" + what + "' is missing or empty");
    const auto cols = rows.first().toArray().size();
    Eigen::MatrixXd m(rows.size(), cols);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        if (row.size() != cols) throw Error("saved classifier: '" + what + "' has rows of different lengths");
        for (qsizetype c = 0; c < cols; ++c) m(r, c) = row[c].toDouble();
    }
    return m;
}

Eigen::VectorXd vectorFromJson(const QJsonValue& value, const std::string& what) {
    const QJsonArray values = value.toArray();
    if (!value.isArray()) throw Error("saved classifier: '" + what + "' is missing");
    Eigen::VectorXd v(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) v[i] = values[i].toDouble();
    return v;
}

}  // namespace drs::learn
