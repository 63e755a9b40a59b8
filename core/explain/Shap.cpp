#include "core/explain/Shap.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>

#include "core/util/Error.h"
#include "core/util/PortableRandom.h"

namespace drs::explain {
namespace {

constexpr int kMaxExactFeatures = 14;

void checkInputs(const Eigen::MatrixXd& rows, const Eigen::MatrixXd& background, const char* who) {
    if (rows.rows() == 0) throw Error(std::string(who) + ": no rows to explain");
    if (background.rows() == 0) throw Error(std::string(who) + ": the background set is empty");
    if (rows.cols() != background.cols())
        throw Error(std::string(who) + ": rows and background have different feature counts");
}

// v(S) for many coalitions of one row: each coalition mask selects x's values, the rest come from
// every background row; returns the background mean of the model per coalition.
Eigen::VectorXd coalitionValues(const ModelFunction& model, const Eigen::RowVectorXd& x,
                                const Eigen::MatrixXd& background, const std::vector<std::uint32_t>& masks) {
    const Eigen::Index b = background.rows();
    const Eigen::Index p = x.size();
    constexpr std::size_t kChunk = 512;  // coalitions per model call: bounds memory to kChunk x b rows
    Eigen::VectorXd values(static_cast<Eigen::Index>(masks.size()));
    for (std::size_t start = 0; start < masks.size(); start += kChunk) {
        const std::size_t count = std::min(kChunk, masks.size() - start);
        Eigen::MatrixXd batch(static_cast<Eigen::Index>(count) * b, p);
        for (std::size_t c = 0; c < count; ++c) {
            const std::uint32_t mask = masks[start + c];
            auto block = batch.middleRows(static_cast<Eigen::Index>(c) * b, b);
            block = background;
            for (Eigen::Index j = 0; j < p; ++j)
                if (mask & (1u << j)) block.col(j).setConstant(x[j]);
        }
        const Eigen::VectorXd out = model(batch);
        for (std::size_t c = 0; c < count; ++c)
            values[static_cast<Eigen::Index>(start + c)] = out.segment(static_cast<Eigen::Index>(c) * b, b).mean();
    }
    return values;
}

double logFactorial(int n) { return std::lgamma(n + 1.0); }

}  // namespace

ShapValues exactShap(const ModelFunction& model, const Eigen::MatrixXd& rows, const Eigen::MatrixXd& background) {
    checkInputs(rows, background, "exact SHAP");
    const auto p = static_cast<int>(rows.cols());
    if (p > kMaxExactFeatures) throw Error("exact SHAP: " + std::to_string(p) + " features exceed 14; use kernel SHAP");
    const std::uint32_t coalitionCount = 1u << p;
    std::vector<std::uint32_t> masks(coalitionCount);
    std::iota(masks.begin(), masks.end(), 0u);
    // Shapley weight |S|! (p - |S| - 1)! / p! by coalition size.
    std::vector<double> weight(static_cast<std::size_t>(p));
    for (int s = 0; s < p; ++s)
        weight[static_cast<std::size_t>(s)] = std::exp(logFactorial(s) + logFactorial(p - s - 1) - logFactorial(p));
    ShapValues out;
    out.values = Eigen::MatrixXd::Zero(rows.rows(), p);
    out.outputs = model(rows);
    out.baseline = model(background).mean();
    for (Eigen::Index r = 0; r < rows.rows(); ++r) {
        const Eigen::VectorXd v = coalitionValues(model, rows.row(r), background, masks);
        for (std::uint32_t mask = 0; mask < coalitionCount; ++mask) {
            const int size = std::popcount(mask);
            for (int i = 0; i < p; ++i) {
                if (mask & (1u << i)) continue;
                out.values(r, i) += weight[static_cast<std::size_t>(size)] * (v[mask | (1u << i)] - v[mask]);
            }
        }
    }
    return out;
}

ShapValues kernelShap(const ModelFunction& model, const Eigen::MatrixXd& rows, const Eigen::MatrixXd& background,
                      int coalitions, unsigned long seed) {
    checkInputs(rows, background, "kernel SHAP");
    const auto p = static_cast<int>(rows.cols());
    if (p < 2) throw Error("kernel SHAP: needs at least 2 features");
    if (p > 32) throw Error("kernel SHAP: at most 32 features are supported");
    if (coalitions < 2 * p) throw Error("kernel SHAP: needs at least 2 x features sampled coalitions");
    // Sample coalition sizes with the Shapley kernel's total mass per size, (p-1) / (s (p-s)),
    // then a uniform subset of that size; each sample then carries equal regression weight.
    std::vector<double> sizeMass;
    for (int s = 1; s < p; ++s) sizeMass.push_back(static_cast<double>(p - 1) / (s * static_cast<double>(p - s)));
    std::mt19937_64 random(seed);
    std::vector<std::uint32_t> masks;
    std::vector<int> features(static_cast<std::size_t>(p));
    std::iota(features.begin(), features.end(), 0);
    for (int k = 0; k < coalitions; ++k) {
        const int size = static_cast<int>(weightedIndex(sizeMass, random)) + 1;
        shuffle(features, random);
        std::uint32_t mask = 0;
        for (int j = 0; j < size; ++j) mask |= 1u << features[static_cast<std::size_t>(j)];
        masks.push_back(mask);
    }
    const std::uint32_t full = p == 32 ? 0xffffffffu : ((1u << p) - 1u);
    ShapValues out;
    out.values = Eigen::MatrixXd::Zero(rows.rows(), p);
    out.outputs = model(rows);
    out.baseline = model(background).mean();
    for (Eigen::Index r = 0; r < rows.rows(); ++r) {
        const Eigen::VectorXd v = coalitionValues(model, rows.row(r), background, masks);
        const double empty = out.baseline;
        const double total = coalitionValues(model, rows.row(r), background, {full})[0] - empty;
        // Efficiency eliminates the last feature: phi_last = total - sum of the others.
        Eigen::MatrixXd design(static_cast<Eigen::Index>(masks.size()), p - 1);
        Eigen::VectorXd target(static_cast<Eigen::Index>(masks.size()));
        for (std::size_t k = 0; k < masks.size(); ++k) {
            const double last = (masks[k] >> (p - 1)) & 1u;
            for (int j = 0; j < p - 1; ++j)
                design(static_cast<Eigen::Index>(k), j) = static_cast<double>((masks[k] >> j) & 1u) - last;
            target[static_cast<Eigen::Index>(k)] = v[static_cast<Eigen::Index>(k)] - empty - last * total;
        }
        const Eigen::VectorXd phi = design.colPivHouseholderQr().solve(target);
        out.values.row(r).head(p - 1) = phi.transpose();
        out.values(r, p - 1) = total - phi.sum();
    }
    return out;
}

namespace {

// One element of the path of unique features from the root to the current node.
struct PathElement {
    int feature = -1;
    double zeroFraction = 0;  // share of covers passing when the feature is unknown
    double oneFraction = 0;   // 1 if x follows this branch when the feature is known, else 0
    double weight = 0;        // permutation weight of subsets of the path
};

void extendPath(std::vector<PathElement>& path, int depth, double zero, double one, int feature) {
    path[static_cast<std::size_t>(depth)] = {feature, zero, one, depth == 0 ? 1.0 : 0.0};
    for (int i = depth - 1; i >= 0; --i) {
        path[static_cast<std::size_t>(i + 1)].weight +=
            one * path[static_cast<std::size_t>(i)].weight * (i + 1) / (depth + 1.0);
        path[static_cast<std::size_t>(i)].weight =
            zero * path[static_cast<std::size_t>(i)].weight * (depth - i) / (depth + 1.0);
    }
}

void unwindPath(std::vector<PathElement>& path, int depth, int index) {
    const double one = path[static_cast<std::size_t>(index)].oneFraction;
    const double zero = path[static_cast<std::size_t>(index)].zeroFraction;
    double next = path[static_cast<std::size_t>(depth)].weight;
    for (int i = depth - 1; i >= 0; --i) {
        PathElement& e = path[static_cast<std::size_t>(i)];
        if (one != 0) {
            const double kept = e.weight;
            e.weight = next * (depth + 1) / ((i + 1) * one);
            next = kept - e.weight * zero * (depth - i) / (depth + 1.0);
        } else {
            e.weight = e.weight * (depth + 1) / (zero * (depth - i));
        }
    }
    for (int i = index; i < depth; ++i) {
        path[static_cast<std::size_t>(i)].feature = path[static_cast<std::size_t>(i + 1)].feature;
        path[static_cast<std::size_t>(i)].zeroFraction = path[static_cast<std::size_t>(i + 1)].zeroFraction;
        path[static_cast<std::size_t>(i)].oneFraction = path[static_cast<std::size_t>(i + 1)].oneFraction;
    }
}

// Sum of the weights the path would have with element `index` removed (without removing it).
double unwoundSum(const std::vector<PathElement>& path, int depth, int index) {
    const double one = path[static_cast<std::size_t>(index)].oneFraction;
    const double zero = path[static_cast<std::size_t>(index)].zeroFraction;
    double next = path[static_cast<std::size_t>(depth)].weight;
    double total = 0;
    for (int i = depth - 1; i >= 0; --i) {
        if (one != 0) {
            const double w = next * (depth + 1) / ((i + 1) * one);
            total += w;
            next = path[static_cast<std::size_t>(i)].weight - w * zero * (depth - i) / (depth + 1.0);
        } else {
            total += path[static_cast<std::size_t>(i)].weight / (zero * (depth - i) / (depth + 1.0));
        }
    }
    return total;
}

void treeShapRecurse(const learn::DecisionTree& tree, const Eigen::RowVectorXd& x, Eigen::RowVectorXd& phi,
                     int nodeIndex, std::vector<PathElement> path, int depth, double zero, double one, int feature) {
    extendPath(path, depth, zero, one, feature);
    const learn::TreeNode& node = tree.nodes[static_cast<std::size_t>(nodeIndex)];
    if (node.feature < 0) {
        for (int i = 1; i <= depth; ++i) {
            const PathElement& e = path[static_cast<std::size_t>(i)];
            phi[e.feature] += unwoundSum(path, depth, i) * (e.oneFraction - e.zeroFraction) * node.positiveShare;
        }
        return;
    }
    const bool goesLeft = x[node.feature] <= node.threshold;
    const int hot = goesLeft ? node.left : node.right;
    const int cold = goesLeft ? node.right : node.left;
    double incomingZero = 1, incomingOne = 1;
    for (int i = 1; i <= depth; ++i) {
        if (path[static_cast<std::size_t>(i)].feature == node.feature) {
            // A feature met again: undo its earlier split so it enters the path once.
            incomingZero = path[static_cast<std::size_t>(i)].zeroFraction;
            incomingOne = path[static_cast<std::size_t>(i)].oneFraction;
            unwindPath(path, depth, i);
            --depth;
            break;
        }
    }
    const double cover = node.cover;
    treeShapRecurse(tree, x, phi, hot, path, depth + 1,
                    incomingZero * tree.nodes[static_cast<std::size_t>(hot)].cover / cover, incomingOne, node.feature);
    treeShapRecurse(tree, x, phi, cold, path, depth + 1,
                    incomingZero * tree.nodes[static_cast<std::size_t>(cold)].cover / cover, 0.0, node.feature);
}

double expectedLeafValue(const learn::DecisionTree& tree) {
    double sum = 0;
    for (const learn::TreeNode& n : tree.nodes)
        if (n.feature < 0) sum += n.cover * n.positiveShare;
    return sum / tree.nodes.front().cover;
}

int treeDepth(const learn::DecisionTree& tree, int index) {
    const learn::TreeNode& n = tree.nodes[static_cast<std::size_t>(index)];
    return n.feature < 0 ? 0 : 1 + std::max(treeDepth(tree, n.left), treeDepth(tree, n.right));
}

}  // namespace

ShapValues treeShap(const learn::RandomForest& forest, const Eigen::MatrixXd& rows) {
    if (forest.trees().empty()) throw Error("tree SHAP: the forest is not fitted");
    if (rows.cols() != forest.featureCount()) throw Error("tree SHAP: wrong number of features");
    ShapValues out;
    out.values = Eigen::MatrixXd::Zero(rows.rows(), rows.cols());
    out.outputs = forest.predictProbability(rows);
    const double treeCount = static_cast<double>(forest.trees().size());
    for (const learn::DecisionTree& tree : forest.trees()) {
        out.baseline += expectedLeafValue(tree) / treeCount;
        const int depth = treeDepth(tree, 0);
        const std::vector<PathElement> path(static_cast<std::size_t>(depth + 2));
        for (Eigen::Index r = 0; r < rows.rows(); ++r) {
            Eigen::RowVectorXd phi = Eigen::RowVectorXd::Zero(rows.cols());
            treeShapRecurse(tree, rows.row(r), phi, 0, path, 0, 1.0, 1.0, -1);
            out.values.row(r) += phi / treeCount;
        }
    }
    return out;
}

ShapValues explainClassifier(const learn::Classifier& model, const Eigen::MatrixXd& rows,
                             const Eigen::MatrixXd& background, unsigned long seed) {
    if (const auto* forest = dynamic_cast<const learn::RandomForest*>(&model)) return treeShap(*forest, rows);
    const ModelFunction f = [&model](const Eigen::MatrixXd& x) { return model.predictProbability(x); };
    if (rows.cols() <= kMaxExactFeatures) return exactShap(f, rows, background);
    return kernelShap(f, rows, background, 2048, seed);
}

Eigen::VectorXd meanAbsoluteShap(const ShapValues& shap) { return shap.values.cwiseAbs().colwise().mean().transpose(); }

std::vector<int> rankByMeanAbsoluteShap(const ShapValues& shap) {
    const Eigen::VectorXd importance = meanAbsoluteShap(shap);
    std::vector<int> order(static_cast<std::size_t>(importance.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return importance[a] > importance[b]; });
    return order;
}

}  // namespace drs::explain
