// Multi-layer perceptron as scikit-learn's MLPClassifier defaults define it: one hidden layer of
// 100 ReLU units, a logistic output, log-loss plus L2 penalty alpha = 1e-4 (scaled by 1 / batch
// size), Adam (learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8), mini-batches of
// min(200, n) rows reshuffled every epoch, at most 200 epochs, stopping when the epoch loss has
// not improved by 1e-4 for more than 10 epochs; Glorot-uniform initial weights and biases with
// bound sqrt(6 / (fan_in + fan_out)). Hand-written with Eigen: the network is tiny, and LibTorch
// is not allowed in core (DESIGN.md section 1). Weights and activations are single precision,
// which halves the cost of the products that dominate the panel's run time; the optimiser's
// noise is far above float rounding.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"
#include "core/util/PortableRandom.h"

namespace drs::learn {
namespace {

constexpr int kHidden = 100;
constexpr double kAlpha = 1e-4;
constexpr double kLearningRate = 1e-3;
constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEpsilon = 1e-8;
constexpr int kMaxEpochs = 200;
constexpr int kBatch = 200;
constexpr double kTolerance = 1e-4;
constexpr int kPatience = 10;

using Matrix = Eigen::MatrixXf;
using Vector = Eigen::VectorXf;

struct Adam {
    Matrix m, v;
    void init(Eigen::Index rows, Eigen::Index cols) {
        m = Matrix::Zero(rows, cols);
        v = Matrix::Zero(rows, cols);
    }
    void step(Matrix& parameter, const Matrix& gradient, double rate) {
        m = static_cast<float>(kBeta1) * m + static_cast<float>(1 - kBeta1) * gradient;
        v = static_cast<float>(kBeta2) * v + static_cast<float>(1 - kBeta2) * gradient.cwiseProduct(gradient);
        parameter.array() -= static_cast<float>(rate) * m.array() / (v.array().sqrt() + static_cast<float>(kEpsilon));
    }
};

class Mlp : public Classifier {
public:
    explicit Mlp(const ClassifierOptions& options) : options_(options) {}
    std::string name() const override { return "mlp"; }

    void fit(const Eigen::MatrixXd& x, const std::vector<int>& labels) override {
        checkTrainingData(x, labels, "mlp");
        const Eigen::Index n = x.rows();
        const Eigen::Index p = x.cols();
        std::mt19937_64 random(options_.seed);
        const auto uniform = [&](Eigen::Index rows, Eigen::Index cols, double bound) {
            Matrix m(rows, cols);
            for (Eigen::Index i = 0; i < m.size(); ++i)
                m.data()[i] = static_cast<float>(-bound + 2 * bound * uniformUnit(random));
            return m;
        };
        const double hiddenBound = std::sqrt(6.0 / static_cast<double>(p + kHidden));
        const double outputBound = std::sqrt(6.0 / static_cast<double>(kHidden + 1));
        w1_ = uniform(p, kHidden, hiddenBound);
        b1_ = uniform(1, kHidden, hiddenBound);
        w2_ = uniform(kHidden, 1, outputBound);
        b2_ = uniform(1, 1, outputBound);
        Adam aw1, ab1, aw2, ab2;
        aw1.init(p, kHidden);
        ab1.init(1, kHidden);
        aw2.init(kHidden, 1);
        ab2.init(1, 1);
        const Matrix xf = x.cast<float>();
        Vector y(n);
        for (Eigen::Index i = 0; i < n; ++i) y[i] = static_cast<float>(labels[static_cast<std::size_t>(i)]);
        Matrix shuffledX(n, p);
        Vector shuffledY(n);
        const Eigen::Index batch = std::min<Eigen::Index>(kBatch, n);
        std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        double bestLoss = std::numeric_limits<double>::infinity();
        int stalled = 0;
        long steps = 0;
        for (int epoch = 0; epoch < kMaxEpochs; ++epoch) {
            shuffle(order, random);
            for (Eigen::Index k = 0; k < n; ++k) {
                shuffledX.row(k) = xf.row(order[static_cast<std::size_t>(k)]);
                shuffledY[k] = y[order[static_cast<std::size_t>(k)]];
            }
            double epochLoss = 0;
            for (Eigen::Index start = 0; start < n; start += batch) {
                const Eigen::Index size = std::min(batch, n - start);
                const auto xb = shuffledX.middleRows(start, size);
                const auto yb = shuffledY.segment(start, size);
                const Matrix hidden = ((xb * w1_).rowwise() + b1_.row(0)).cwiseMax(0.0f);
                const Vector eta = (hidden * w2_).array() + b2_(0, 0);
                const Vector prob = eta.unaryExpr([](float e) { return 1.0f / (1.0f + std::exp(-e)); });
                // Log-loss with probabilities clipped as scikit-learn does, plus the L2 term.
                double loss = 0;
                for (Eigen::Index k = 0; k < size; ++k) {
                    const double q = std::clamp(static_cast<double>(prob[k]), 1e-7, 1 - 1e-7);
                    loss -= yb[k] * std::log(q) + (1 - yb[k]) * std::log(1 - q);
                }
                loss = loss / static_cast<double>(size) +
                       0.5 * kAlpha *
                           (static_cast<double>(w1_.squaredNorm()) + static_cast<double>(w2_.squaredNorm())) /
                           static_cast<double>(size);
                epochLoss += loss * static_cast<double>(size);
                const float batchSize = static_cast<float>(size);
                const float penalty = static_cast<float>(kAlpha) / batchSize;
                const Vector delta = (prob - yb) / batchSize;
                const Matrix gradW2 = hidden.transpose() * delta + penalty * w2_;
                const Matrix gradB2 = Matrix::Constant(1, 1, delta.sum());
                const Matrix hiddenDelta =
                    (delta * w2_.transpose()).cwiseProduct((hidden.array() > 0.0f).cast<float>().matrix());
                const Matrix gradW1 = xb.transpose() * hiddenDelta + penalty * w1_;
                const Matrix gradB1 = hiddenDelta.colwise().sum();
                ++steps;
                const double rate =
                    kLearningRate * std::sqrt(1 - std::pow(kBeta2, steps)) / (1 - std::pow(kBeta1, steps));
                aw1.step(w1_, gradW1, rate);
                ab1.step(b1_, gradB1, rate);
                aw2.step(w2_, gradW2, rate);
                ab2.step(b2_, gradB2, rate);
            }
            epochLoss /= static_cast<double>(n);
            if (epochLoss > bestLoss - kTolerance)
                ++stalled;
            else
                stalled = 0;
            bestLoss = std::min(bestLoss, epochLoss);
            if (stalled > kPatience) break;
        }
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (w1_.size() == 0) throw Error("mlp: predict before fit");
        if (x.cols() != w1_.rows()) throw Error("mlp: wrong number of features");
        const Matrix hidden = ((x.cast<float>() * w1_).rowwise() + b1_.row(0)).cwiseMax(0.0f);
        const Eigen::VectorXd eta = ((hidden * w2_).array() + b2_(0, 0)).cast<double>();
        return eta.unaryExpr([](double e) { return 1.0 / (1.0 + std::exp(-e)); });
    }

    QJsonObject parameters() const override {
        return {{"hidden_layer_sizes", kHidden},
                {"activation", "relu"},
                {"solver", "adam"},
                {"alpha", kAlpha},
                {"learning_rate_init", kLearningRate},
                {"max_iter", kMaxEpochs},
                {"batch_size", kBatch},
                {"seed", static_cast<double>(options_.seed)}};
    }
    QJsonObject state() const override {
        return {{"w1", toJson(Eigen::MatrixXd(w1_.cast<double>()))},
                {"b1", toJson(Eigen::MatrixXd(b1_.cast<double>()))},
                {"w2", toJson(Eigen::MatrixXd(w2_.cast<double>()))},
                {"b2", toJson(Eigen::MatrixXd(b2_.cast<double>()))}};
    }
    void load(const QJsonObject& state) override {
        w1_ = matrixFromJson(state["w1"], "w1").cast<float>();
        b1_ = matrixFromJson(state["b1"], "b1").cast<float>();
        w2_ = matrixFromJson(state["w2"], "w2").cast<float>();
        b2_ = matrixFromJson(state["b2"], "b2").cast<float>();
        if (b1_.cols() != w1_.cols() || w2_.rows() != w1_.cols())
            throw Error("saved classifier: mlp layer sizes disagree");
    }

private:
    ClassifierOptions options_;
    Matrix w1_, b1_, w2_, b2_;  // b1: 1 x hidden, w2: hidden x 1, b2: 1 x 1
};

}  // namespace

std::unique_ptr<Classifier> makeMlp(const ClassifierOptions& options) { return std::make_unique<Mlp>(options); }

}  // namespace drs::learn
