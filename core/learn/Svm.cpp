// Support vector machine through libsvm, configured as scikit-learn's SVC(probability = True):
// C-SVC, RBF kernel, gamma = "scale" = 1 / (n_features * Var(all training values)), C = 1,
// tolerance 1e-3, shrinking, Platt scaling fitted by libsvm's internal 5-fold cross-validation, except
// that a Platt fit running against the decision function is replaced by a constant (see fit).
// The fitted model is copied into plain arrays (support vectors, dual coefficients, rho, Platt A
// and B) so it can be saved and rebuilt; prediction always goes through libsvm.
#include <svm.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>

#include <QJsonArray>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"

namespace drs::learn {
namespace {

// libsvm draws Platt's fold split from the C library's rand(): training holds this lock so the
// seed set just before it gives reproducible models when folds are fitted in parallel.
std::mutex& libsvmRandomLock() {
    static std::mutex lock;
    return lock;
}

void silent(const char*) {}

struct ModelDeleter {
    void operator()(svm_model* model) const { svm_free_and_destroy_model(&model); }
};
using ModelPointer = std::unique_ptr<svm_model, ModelDeleter>;

class Svm : public Classifier {
public:
    explicit Svm(const ClassifierOptions& options) : options_(options) {}
    std::string name() const override { return "svm"; }

    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override {
        checkTrainingData(x, labels, "svm");
        const double variance = (x.array() - x.mean()).square().mean();
        gamma_ = variance > 0 ? 1.0 / (static_cast<double>(x.cols()) * variance) : 1.0;
        // Dense rows as libsvm's sparse nodes (index 1-based, -1 terminates); zeros are kept.
        const Eigen::Index n = x.rows();
        const Eigen::Index p = x.cols();
        std::vector<svm_node> nodes(static_cast<std::size_t>(n * (p + 1)));
        std::vector<svm_node*> rows(static_cast<std::size_t>(n));
        std::vector<double> targets(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i) {
            svm_node* row = &nodes[static_cast<std::size_t>(i * (p + 1))];
            for (Eigen::Index j = 0; j < p; ++j) row[j] = {static_cast<int>(j + 1), x(i, j)};
            row[p] = {-1, 0.0};
            rows[static_cast<std::size_t>(i)] = row;
            targets[static_cast<std::size_t>(i)] = labels[static_cast<std::size_t>(i)];
        }
        svm_problem problem{static_cast<int>(n), targets.data(), rows.data()};
        int weightLabels[2] = {0, 1};
        double weights[2] = {1.0, 1.0};
        if (options_.balancedClassWeights) {
            const Eigen::VectorXd w = classWeights(labels, true);
            for (std::size_t i = 0; i < labels.size(); ++i) weights[labels[i]] = w[static_cast<Eigen::Index>(i)];
        }
        svm_parameter parameter{};
        parameter.svm_type = C_SVC;
        parameter.kernel_type = RBF;
        parameter.gamma = gamma_;
        parameter.cache_size = 200;
        parameter.eps = 1e-3;
        parameter.C = 1.0;
        parameter.nr_weight = 2;
        parameter.weight_label = weightLabels;
        parameter.weight = weights;
        parameter.shrinking = 1;
        parameter.probability = 1;
        if (const char* problemText = svm_check_parameter(&problem, &parameter))
            throw Error(std::string("svm: ") + problemText);
        ModelPointer trained;
        {
            const std::lock_guard<std::mutex> guard(libsvmRandomLock());
            svm_set_print_string_function(silent);
            std::srand(static_cast<unsigned>(options_.seed));
            trained.reset(svm_train(&problem, &parameter));
        }
        // Copy out while the training nodes the model points into are still alive.
        const int supportCount = trained->l;
        supportVectors_.resize(supportCount, p);
        dualCoefficients_.resize(supportCount);
        for (int s = 0; s < supportCount; ++s) {
            for (const svm_node* node = trained->SV[s]; node->index != -1; ++node)
                supportVectors_(s, node->index - 1) = node->value;
            dualCoefficients_[s] = trained->sv_coef[0][s];
        }
        rho_ = trained->rho[0];
        plattA_ = trained->probA[0];
        plattB_ = trained->probB[0];
        firstLabel_ = trained->label[0];
        // libsvm's P(first label | f) = 1 / (1 + exp(A f + B)) should rise with the decision value
        // f (A < 0). When Platt's internal cross-validation finds f anti-informative, A comes out
        // positive and the probabilities run against the model's own decision function: the final
        // fit then ranks its training patients backwards (apparent AUC 0.06-0.20 for SVMs the demo's
        // panel chose). The best fit that keeps the probability non-decreasing in f has A = 0: one
        // probability for everyone, the first label's share of the training patients.
        if (plattA_ > 0) {
            const double share = static_cast<double>(std::count(labels.begin(), labels.end(), firstLabel_)) /
                                 static_cast<double>(labels.size());
            plattA_ = 0;
            plattB_ = std::log((1 - share) / share);
        }
        supportPerClass_[0] = trained->nSV[0];
        supportPerClass_[1] = trained->nSV[1];
        rebuild();
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (!model_) throw Error("svm: predict before fit");
        if (x.cols() != supportVectors_.cols()) throw Error("svm: wrong number of features");
        const int positiveSlot = model_->label[0] == 1 ? 0 : 1;
        std::vector<svm_node> row(static_cast<std::size_t>(x.cols() + 1));
        Eigen::VectorXd out(x.rows());
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                row[static_cast<std::size_t>(j)] = {static_cast<int>(j + 1), x(i, j)};
            row.back() = {-1, 0.0};
            double probabilities[2];
            svm_predict_probability(model_.get(), row.data(), probabilities);
            out[i] = probabilities[positiveSlot];
        }
        return out;
    }

    QJsonObject parameters() const override {
        return {{"kernel", "rbf"},
                {"C", 1.0},
                {"gamma", "scale"},
                {"tol", 1e-3},
                {"probability", true},
                {"seed", static_cast<double>(options_.seed)},
                {"class_weight", options_.balancedClassWeights ? "balanced" : "none"}};
    }

    QJsonObject state() const override {
        return {{"gamma", gamma_},
                {"support_vectors", toJson(supportVectors_)},
                {"dual_coefficients", toJson(dualCoefficients_)},
                {"rho", rho_},
                {"platt_a", plattA_},
                {"platt_b", plattB_},
                {"first_label", firstLabel_},
                {"support_per_class", QJsonArray{supportPerClass_[0], supportPerClass_[1]}}};
    }

    void load(const QJsonObject& state) override {
        gamma_ = state["gamma"].toDouble();
        supportVectors_ = matrixFromJson(state["support_vectors"], "support_vectors");
        dualCoefficients_ = vectorFromJson(state["dual_coefficients"], "dual_coefficients");
        rho_ = state["rho"].toDouble();
        plattA_ = state["platt_a"].toDouble();
        plattB_ = state["platt_b"].toDouble();
        firstLabel_ = state["first_label"].toInt();
        supportPerClass_[0] = state["support_per_class"].toArray()[0].toInt();
        supportPerClass_[1] = state["support_per_class"].toArray()[1].toInt();
        if (dualCoefficients_.size() != supportVectors_.rows() ||
            supportPerClass_[0] + supportPerClass_[1] != supportVectors_.rows())
            throw Error("saved classifier: svm support vectors and coefficients disagree");
        rebuild();
    }

private:
    // A libsvm model that owns its memory (free_sv = 1: support vectors in one malloc'd block),
    // so svm_free_and_destroy_model releases it.
    void rebuild() {
        const auto count = static_cast<int>(supportVectors_.rows());
        const auto p = static_cast<int>(supportVectors_.cols());
        auto* model = static_cast<svm_model*>(std::calloc(1, sizeof(svm_model)));
        model->param.svm_type = C_SVC;
        model->param.kernel_type = RBF;
        model->param.gamma = gamma_;
        model->param.probability = 1;
        model->nr_class = 2;
        model->l = count;
        model->free_sv = 1;
        auto* block = static_cast<svm_node*>(std::malloc(sizeof(svm_node) * static_cast<std::size_t>(count * (p + 1))));
        model->SV = static_cast<svm_node**>(std::malloc(sizeof(svm_node*) * static_cast<std::size_t>(count)));
        model->sv_coef = static_cast<double**>(std::malloc(sizeof(double*)));
        model->sv_coef[0] = static_cast<double*>(std::malloc(sizeof(double) * static_cast<std::size_t>(count)));
        for (int s = 0; s < count; ++s) {
            model->SV[s] = block + s * (p + 1);
            for (int j = 0; j < p; ++j) model->SV[s][j] = {j + 1, supportVectors_(s, j)};
            model->SV[s][p] = {-1, 0.0};
            model->sv_coef[0][s] = dualCoefficients_[s];
        }
        model->rho = static_cast<double*>(std::malloc(sizeof(double)));
        model->rho[0] = rho_;
        model->probA = static_cast<double*>(std::malloc(sizeof(double)));
        model->probA[0] = plattA_;
        model->probB = static_cast<double*>(std::malloc(sizeof(double)));
        model->probB[0] = plattB_;
        model->label = static_cast<int*>(std::malloc(sizeof(int) * 2));
        model->label[0] = firstLabel_;
        model->label[1] = 1 - firstLabel_;
        model->nSV = static_cast<int*>(std::malloc(sizeof(int) * 2));
        model->nSV[0] = supportPerClass_[0];
        model->nSV[1] = supportPerClass_[1];
        model_.reset(model);
    }

    ClassifierOptions options_;
    double gamma_ = 0;
    Eigen::MatrixXd supportVectors_;
    Eigen::VectorXd dualCoefficients_;
    double rho_ = 0, plattA_ = 0, plattB_ = 0;
    int firstLabel_ = 0;
    int supportPerClass_[2] = {0, 0};
    ModelPointer model_;
};

}  // namespace

std::unique_ptr<Classifier> makeSvm(const ClassifierOptions& options) { return std::make_unique<Svm>(options); }

}  // namespace drs::learn
