// Multi-layer perceptron as scikit-learn's MLPClassifier defaults define it: one hidden layer of
// 100 ReLU units, a logistic output, log-loss plus L2 penalty alpha = 1e-4 (scaled by 1 / batch
// size), Adam (learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8), mini-batches of
// min(200, n) rows reshuffled every epoch, at most 200 epochs, stopping when the epoch loss has
// not improved by 1e-4 for more than 10 epochs; Glorot-uniform initial weights and biases with
// bound sqrt(6 / (fan_in + fan_out)). Hand-written with Eigen: the network is tiny, and LibTorch
// is not allowed in core (DESIGN.md section 1).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/learn/PanelMembers.h"
#include "core/util/Error.h"

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

struct Adam {
    Eigen::MatrixXd m, v;
    void init(Eigen::Index rows, Eigen::Index cols) {
        m = Eigen::MatrixXd::Zero(rows, cols);
        v = Eigen::MatrixXd::Zero(rows, cols);
    }
    void step(Eigen::MatrixXd& parameter, const Eigen::MatrixXd& gradient, double rate) {
        m = kBeta1 * m + (1 - kBeta1) * gradient;
        v = kBeta2 * v + (1 - kBeta2) * gradient.cwiseProduct(gradient);
        parameter.array() -= rate * m.array() / (v.array().sqrt() + kEpsilon);
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
            std::uniform_real_distribution<double> u(-bound, bound);
            Eigen::MatrixXd m(rows, cols);
            for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = u(random);
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
        Eigen::VectorXd y(n);
        for (Eigen::Index i = 0; i < n; ++i) y[i] = labels[static_cast<std::size_t>(i)];
        const Eigen::Index batch = std::min<Eigen::Index>(kBatch, n);
        std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        double bestLoss = std::numeric_limits<double>::infinity();
        int stalled = 0;
        long steps = 0;
        for (int epoch = 0; epoch < kMaxEpochs; ++epoch) {
            std::shuffle(order.begin(), order.end(), random);
            double epochLoss = 0;
            for (Eigen::Index start = 0; start < n; start += batch) {
                const Eigen::Index size = std::min(batch, n - start);
                Eigen::MatrixXd xb(size, p);
                Eigen::VectorXd yb(size);
                for (Eigen::Index k = 0; k < size; ++k) {
                    xb.row(k) = x.row(order[static_cast<std::size_t>(start + k)]);
                    yb[k] = y[order[static_cast<std::size_t>(start + k)]];
                }
                const Eigen::MatrixXd hidden = ((xb * w1_).rowwise() + b1_.row(0)).cwiseMax(0.0);
                const Eigen::VectorXd eta = (hidden * w2_).array() + b2_(0, 0);
                Eigen::VectorXd prob = eta.unaryExpr([](double e) { return 1.0 / (1.0 + std::exp(-e)); });
                // Log-loss with probabilities clipped as scikit-learn does, plus the L2 term.
                double loss = 0;
                for (Eigen::Index k = 0; k < size; ++k) {
                    const double q = std::clamp(prob[k], 1e-15, 1 - 1e-15);
                    loss -= yb[k] * std::log(q) + (1 - yb[k]) * std::log(1 - q);
                }
                loss = loss / static_cast<double>(size) + 0.5 * kAlpha * (w1_.squaredNorm() + w2_.squaredNorm()) / static_cast<double>(size);
                epochLoss += loss * static_cast<double>(size);
                const Eigen::VectorXd delta = (prob - yb) / static_cast<double>(size);
                const Eigen::MatrixXd gradW2 = hidden.transpose() * delta + kAlpha * w2_ / static_cast<double>(size);
                const Eigen::MatrixXd gradB2 = Eigen::MatrixXd::Constant(1, 1, delta.sum());
                const Eigen::MatrixXd hiddenDelta = (delta * w2_.transpose()).cwiseProduct((hidden.array() > 0).cast<double>().matrix());
                const Eigen::MatrixXd gradW1 = xb.transpose() * hiddenDelta + kAlpha * w1_ / static_cast<double>(size);
                const Eigen::MatrixXd gradB1 = hiddenDelta.colwise().sum();
                ++steps;
                const double rate = kLearningRate * std::sqrt(1 - std::pow(kBeta2, steps)) / (1 - std::pow(kBeta1, steps));
                aw1.step(w1_, gradW1, rate);
                ab1.step(b1_, gradB1, rate);
                aw2.step(w2_, gradW2, rate);
                ab2.step(b2_, gradB2, rate);
            }
            epochLoss /= static_cast<double>(n);
            if (epochLoss > bestLoss - kTolerance) ++stalled;
            else stalled = 0;
            bestLoss = std::min(bestLoss, epochLoss);
            if (stalled > kPatience) break;
        }
    }

    Eigen::VectorXd predictProbability(const Eigen::MatrixXd& x) const override {
        if (w1_.size() == 0) throw Error("mlp: predict before fit");
        if (x.cols() != w1_.rows()) throw Error("mlp: wrong number of features");
        const Eigen::MatrixXd hidden = ((x * w1_).rowwise() + b1_.row(0)).cwiseMax(0.0);
        const Eigen::VectorXd eta = (hidden * w2_).array() + b2_(0, 0);
        return eta.unaryExpr([](double e) { return 1.0 / (1.0 + std::exp(-e)); });
    }

    QJsonObject parameters() const override {
        return {{"hidden_layer_sizes", kHidden}, {"activation", "relu"}, {"solver", "adam"}, {"alpha", kAlpha},
                {"learning_rate_init", kLearningRate}, {"max_iter", kMaxEpochs}, {"batch_size", kBatch},
                {"seed", static_cast<double>(options_.seed)}};
    }
    QJsonObject state() const override {
        return {{"w1", toJson(w1_)}, {"b1", toJson(b1_)}, {"w2", toJson(w2_)}, {"b2", toJson(b2_)}};
    }
    void load(const QJsonObject& state) override {
        w1_ = matrixFromJson(state["w1"], "w1");
        b1_ = matrixFromJson(state["b1"], "b1");
        w2_ = matrixFromJson(state["w2"], "w2");
        b2_ = matrixFromJson(state["b2"], "b2");
        if (b1_.cols() != w1_.cols() || w2_.rows() != w1_.cols()) throw Error("saved classifier: mlp layer sizes disagree");
    }

private:
    ClassifierOptions options_;
    Eigen::MatrixXd w1_, b1_, w2_, b2_;  // b1: 1 x hidden, w2: hidden x 1, b2: 1 x 1
};

}  // namespace

std::unique_ptr<Classifier> makeMlp(const ClassifierOptions& options) { return std::make_unique<Mlp>(options); }

}  // namespace drs::learn
