// Forward and training-step time of each backbone (torchvision form: 3 channels, 1000-class
// head) on a batch at 160x160 (Inception V3: 299x299), median of N timed repeats after warm-up.
// bench/models/bench_backbones.py measures the same with PyTorch's Python API; run.sh runs both.
// Usage: bench_models [--threads 2] [--batch 8] [--repeats 5] [--backbones a,b]  -> CSV on stdout
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>

#include "models/Backbone.h"
#include "models/Device.h"

using namespace drs::models;

namespace {

double medianMs(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

template <class F>
double timeMs(F&& work, int repeats) {
    work();  // warm-up: allocator and oneDNN primitive caches
    std::vector<double> times;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return medianMs(times);
}

}  // namespace

int main(int argc, char** argv) {
    tuneAllocatorForTraining();
    int threads = 2, batch = 8, repeats = 5;
    std::vector<std::string> names{"densenet121", "resnet50", "resnet101", "vgg19", "inception_v3"};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--threads")
            threads = std::stoi(value);
        else if (flag == "--batch")
            batch = std::stoi(value);
        else if (flag == "--repeats")
            repeats = std::stoi(value);
        else if (flag == "--backbones") {
            names.clear();
            std::stringstream list(value);
            for (std::string name; std::getline(list, name, ',');) names.push_back(name);
        } else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }
    torch::set_num_threads(threads);
    torch::manual_seed(0);
    std::cout << "api,backbone,input_px,batch,threads,forward_ms,train_step_ms\n";
    for (const auto& name : names) {
        BackboneOptions options;
        options.name = name;
        options.imagenetClasses = 1000;
        options.auxiliaryClasses = name == "inception_v3" ? 1000 : 0;
        auto model = makeBackbone(options);
        const int64_t size = model->nativeInputSizePx();
        const auto images = torch::randn({batch, 3, size, size});
        const auto labels = torch::randint(0, 1000, {batch}, torch::kLong);
        model->eval();
        const double forwardMs = timeMs(
            [&] {
                torch::NoGradGuard noGrad;
                model->imagenetLogits(images);
            },
            repeats);
        model->train();
        torch::optim::SGD optimiser(model->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
        const double trainMs = timeMs(
            [&] {
                optimiser.zero_grad();
                torch::Tensor aux;  // Inception V3 trains its auxiliary head too
                auto loss = torch::nn::functional::cross_entropy(model->imagenetLogits(images, &aux), labels);
                if (aux.defined()) loss = loss + 0.4 * torch::nn::functional::cross_entropy(aux, labels);
                loss.backward();
                optimiser.step();
            },
            repeats);
        std::cout << "libtorch-cpp," << name << "," << size << "," << batch << "," << threads << "," << forwardMs << ","
                  << trainMs << std::endl;
    }
    return 0;
}
