// Inception V3 (Szegedy et al. 2016) with torchvision's module names: Conv2d_1a_3x3 ...
// Mixed_5b..7c (each branch a BasicConv2d {conv, bn eps 0.001}), AuxLogits {conv0, conv1, fc}, fc.
// Its auxiliary head needs 17x17 maps after Mixed_6e, i.e. a 299x299 input.
#include "core/util/Error.h"
#include "models/Backbone.h"
#include "models/Layers.h"
#include "models/TrainingRandom.h"

namespace drs::models {
namespace {

// Convolution without bias + batch norm (eps 0.001) + ReLU, registered as {name}.conv / {name}.bn.
struct BasicConv {
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};

    BasicConv() = default;
    BasicConv(torch::nn::Module& parent, const std::string& name, int64_t in, int64_t out,
              std::array<int64_t, 2> kernel, int64_t stride = 1, std::array<int64_t, 2> padding = {0, 0}) {
        auto holder = addContainer(parent, name);
        conv = holder->register_module("conv", makeConv(in, out, kernel, stride, padding));
        bn = holder->register_module("bn", makeBatchNorm(out, 0.001));
    }
    BasicConv(torch::nn::Module& parent, const std::string& name, int64_t in, int64_t out, int64_t kernel,
              int64_t stride = 1, int64_t padding = 0)
        : BasicConv(parent, name, in, out, {kernel, kernel}, stride, {padding, padding}) {}

    torch::Tensor operator()(const torch::Tensor& x) { return torch::relu(bn->forward(conv->forward(x))); }
};

torch::Tensor averagePool3(const torch::Tensor& x) { return torch::avg_pool2d(x, 3, 1, 1); }

struct InceptionA {
    BasicConv b1, b5_1, b5_2, b3_1, b3_2, b3_3, pool;
    InceptionA(torch::nn::Module& m, int64_t in, int64_t poolFeatures)
        : b1(m, "branch1x1", in, 64, 1),
          b5_1(m, "branch5x5_1", in, 48, 1),
          b5_2(m, "branch5x5_2", 48, 64, 5, 1, 2),
          b3_1(m, "branch3x3dbl_1", in, 64, 1),
          b3_2(m, "branch3x3dbl_2", 64, 96, 3, 1, 1),
          b3_3(m, "branch3x3dbl_3", 96, 96, 3, 1, 1),
          pool(m, "branch_pool", in, poolFeatures, 1) {}
    torch::Tensor operator()(const torch::Tensor& x) {
        return torch::cat({b1(x), b5_2(b5_1(x)), b3_3(b3_2(b3_1(x))), pool(averagePool3(x))}, 1);
    }
};

struct InceptionB {
    BasicConv b3, d1, d2, d3;
    InceptionB(torch::nn::Module& m, int64_t in)
        : b3(m, "branch3x3", in, 384, 3, 2),
          d1(m, "branch3x3dbl_1", in, 64, 1),
          d2(m, "branch3x3dbl_2", 64, 96, 3, 1, 1),
          d3(m, "branch3x3dbl_3", 96, 96, 3, 2) {}
    torch::Tensor operator()(const torch::Tensor& x) {
        return torch::cat({b3(x), d3(d2(d1(x))), torch::max_pool2d(x, 3, 2)}, 1);
    }
};

struct InceptionC {
    BasicConv b1, s1, s2, s3, d1, d2, d3, d4, d5, pool;
    InceptionC(torch::nn::Module& m, int64_t in, int64_t c7)
        : b1(m, "branch1x1", in, 192, 1),
          s1(m, "branch7x7_1", in, c7, 1),
          s2(m, "branch7x7_2", c7, c7, {1, 7}, 1, {0, 3}),
          s3(m, "branch7x7_3", c7, 192, {7, 1}, 1, {3, 0}),
          d1(m, "branch7x7dbl_1", in, c7, 1),
          d2(m, "branch7x7dbl_2", c7, c7, {7, 1}, 1, {3, 0}),
          d3(m, "branch7x7dbl_3", c7, c7, {1, 7}, 1, {0, 3}),
          d4(m, "branch7x7dbl_4", c7, c7, {7, 1}, 1, {3, 0}),
          d5(m, "branch7x7dbl_5", c7, 192, {1, 7}, 1, {0, 3}),
          pool(m, "branch_pool", in, 192, 1) {}
    torch::Tensor operator()(const torch::Tensor& x) {
        return torch::cat({b1(x), s3(s2(s1(x))), d5(d4(d3(d2(d1(x))))), pool(averagePool3(x))}, 1);
    }
};

struct InceptionD {
    BasicConv a1, a2, s1, s2, s3, s4;
    InceptionD(torch::nn::Module& m, int64_t in)
        : a1(m, "branch3x3_1", in, 192, 1),
          a2(m, "branch3x3_2", 192, 320, 3, 2),
          s1(m, "branch7x7x3_1", in, 192, 1),
          s2(m, "branch7x7x3_2", 192, 192, {1, 7}, 1, {0, 3}),
          s3(m, "branch7x7x3_3", 192, 192, {7, 1}, 1, {3, 0}),
          s4(m, "branch7x7x3_4", 192, 192, 3, 2) {}
    torch::Tensor operator()(const torch::Tensor& x) {
        return torch::cat({a2(a1(x)), s4(s3(s2(s1(x)))), torch::max_pool2d(x, 3, 2)}, 1);
    }
};

struct InceptionE {
    BasicConv b1, t1, t2a, t2b, d1, d2, d3a, d3b, pool;
    InceptionE(torch::nn::Module& m, int64_t in)
        : b1(m, "branch1x1", in, 320, 1),
          t1(m, "branch3x3_1", in, 384, 1),
          t2a(m, "branch3x3_2a", 384, 384, {1, 3}, 1, {0, 1}),
          t2b(m, "branch3x3_2b", 384, 384, {3, 1}, 1, {1, 0}),
          d1(m, "branch3x3dbl_1", in, 448, 1),
          d2(m, "branch3x3dbl_2", 448, 384, 3, 1, 1),
          d3a(m, "branch3x3dbl_3a", 384, 384, {1, 3}, 1, {0, 1}),
          d3b(m, "branch3x3dbl_3b", 384, 384, {3, 1}, 1, {1, 0}),
          pool(m, "branch_pool", in, 192, 1) {}
    torch::Tensor operator()(const torch::Tensor& x) {
        auto t = t1(x);
        auto d = d2(d1(x));
        return torch::cat({b1(x), t2a(t), t2b(t), d3a(d), d3b(d), pool(averagePool3(x))}, 1);
    }
};

class InceptionV3 : public Backbone {
public:
    explicit InceptionV3(const BackboneOptions& options)
        : Backbone(options),
          conv1a_(*this, "Conv2d_1a_3x3", options.inChannels, 32, 3, 2),
          conv2a_(*this, "Conv2d_2a_3x3", 32, 32, 3),
          conv2b_(*this, "Conv2d_2b_3x3", 32, 64, 3, 1, 1),
          conv3b_(*this, "Conv2d_3b_1x1", 64, 80, 1),
          conv4a_(*this, "Conv2d_4a_3x3", 80, 192, 3),
          mixed5b_(*addContainer(*this, "Mixed_5b"), 192, 32),
          mixed5c_(*addContainer(*this, "Mixed_5c"), 256, 64),
          mixed5d_(*addContainer(*this, "Mixed_5d"), 288, 64),
          mixed6a_(*addContainer(*this, "Mixed_6a"), 288),
          mixed6b_(*addContainer(*this, "Mixed_6b"), 768, 128),
          mixed6c_(*addContainer(*this, "Mixed_6c"), 768, 160),
          mixed6d_(*addContainer(*this, "Mixed_6d"), 768, 160),
          mixed6e_(*addContainer(*this, "Mixed_6e"), 768, 192) {
        if (options.widthDivisor != 1) throw Error("inception_v3: the width divisor option is not supported");
        // torchvision registers AuxLogits between Mixed_6e and Mixed_7a; keep that key order.
        if (options.auxiliaryClasses > 0) {
            auto aux = addContainer(*this, "AuxLogits");
            auxConv0_ = BasicConv(*aux, "conv0", 768, 128, 1);
            auxConv1_ = BasicConv(*aux, "conv1", 128, 768, 5);
            auxFc_ = aux->register_module("fc", torch::nn::Linear(768, options.auxiliaryClasses));
        }
        mixed7a_ = std::make_unique<InceptionD>(*addContainer(*this, "Mixed_7a"), 768);
        mixed7b_ = std::make_unique<InceptionE>(*addContainer(*this, "Mixed_7b"), 1280);
        mixed7c_ = std::make_unique<InceptionE>(*addContainer(*this, "Mixed_7c"), 2048);
        if (options.imagenetClasses > 0)
            imagenetClassifier_ = register_module("fc", torch::nn::Linear(2048, options.imagenetClasses));
        initialiseWeights(*this);
    }

    torch::Tensor featureMaps(const torch::Tensor& images, torch::Tensor* auxLogits,
                              torch::Tensor* previousBlock) override {
        auto x = conv2b_(conv2a_(conv1a_(images)));
        x = torch::max_pool2d(x, 3, 2);
        x = torch::max_pool2d(conv4a_(conv3b_(x)), 3, 2);
        x = mixed5d_(mixed5c_(mixed5b_(x)));
        x = mixed6e_(mixed6d_(mixed6c_(mixed6b_(mixed6a_(x)))));
        if (previousBlock) *previousBlock = x;
        if (auxLogits && auxFc_ && is_training()) {
            auto a = auxConv1_(auxConv0_(torch::avg_pool2d(x, 5, 3)));
            *auxLogits = auxFc_->forward(torch::flatten(torch::adaptive_avg_pool2d(a, {1, 1}), 1));
        }
        return (*mixed7c_)((*mixed7b_)((*mixed7a_)(x)));
    }

    torch::Tensor pooledFeatures(const torch::Tensor& maps) override {
        auto x = torch::flatten(torch::adaptive_avg_pool2d(maps, {1, 1}), 1);
        return models::dropout(x, 0.5, is_training());
    }

    // The unpadded 3x3 layers move the first centre by one input stride each (Conv2d_1a, 2a, 4a,
    // both max pools, Mixed_6a, Mixed_7a): 1 + 2 + 2 + 4 + 4 + 8 + 16 on the 299 px input.
    MapGrid mapGrid() const override { return {37, 32}; }
    // Mixed_6e, before Mixed_7a: 1 + 2 + 2 + 4 + 4 + 8.
    MapGrid previousBlockGrid() const override { return {21, 16}; }

    int64_t featureCount() const override { return 2048; }
    int64_t nativeInputSizePx() const override { return 299; }
    std::vector<std::string> classifierKeyPrefixes() const override { return {"fc.", "AuxLogits.fc."}; }

private:
    BasicConv conv1a_, conv2a_, conv2b_, conv3b_, conv4a_;
    InceptionA mixed5b_, mixed5c_, mixed5d_;
    InceptionB mixed6a_;
    InceptionC mixed6b_, mixed6c_, mixed6d_, mixed6e_;
    BasicConv auxConv0_, auxConv1_;
    torch::nn::Linear auxFc_{nullptr};
    std::unique_ptr<InceptionD> mixed7a_;
    std::unique_ptr<InceptionE> mixed7b_, mixed7c_;
};

}  // namespace

std::shared_ptr<Backbone> makeInceptionV3(const BackboneOptions& options) {
    return std::make_shared<InceptionV3>(options);
}

}  // namespace drs::models
