#pragma once
// A deterministic stand-in for the Deep-CT network, so pipeline tests need no LibTorch.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "core/pipeline/DeepCtPort.h"
#include "core/util/Error.h"

namespace drs::testing {

// Ten statistics of the patch's central 64x64 pixels: a deterministic stand-in for the CNN.
class PatchStatisticsDeepCt : public drs::DeepCtPort {
public:
    int trainings = 0;

    std::string backend(const drs::DeepCtOptions&) const override { return "patch statistics (no network)"; }

    drs::DeepCtResult trainAndExtract(const std::vector<drs::DeepPatch>& training,
                                      const std::vector<drs::DeepPatch>& all, const drs::DeepCtOptions&,
                                      const std::string& modelPathOut, drs::Progress& progress) override {
        for (const auto& patch : training)
            if (patch.label != 0 && patch.label != 1) throw drs::Error("training patch without a label");
        ++trainings;
        progress.step(1.0, "patch statistics");
        std::ofstream(modelPathOut) << "patch statistics";
        drs::DeepCtResult result;
        result.featuresPerPatient = extract(modelPathOut, all);
        result.probabilityByOutput.assign(1, std::vector<double>(all.size(), 0.5));
        result.modelPath = modelPathOut;
        result.epochsRun = 1;
        return result;
    }

    // What each multi-task training saw: patient ids and labels by output, in call order.
    struct MultiTaskTraining {
        std::vector<std::string> patients;
        drs::OutputLabels labels;
        std::string modelPath;
    };
    std::vector<MultiTaskTraining> multiTaskTrainings;

    drs::DeepCtResult trainMultiTaskAndExtract(const std::vector<drs::DeepPatch>& training,
                                               const drs::OutputLabels& labels, const std::vector<drs::DeepPatch>& all,
                                               const drs::DeepCtOptions&, const std::string& modelPathOut,
                                               drs::Progress& progress) override {
        MultiTaskTraining seen{{}, labels, modelPathOut};
        for (const auto& patch : training) seen.patients.push_back(patch.patientId);
        for (const auto& output : labels) {
            if (output.size() != training.size()) throw drs::Error("labels not aligned with the training patches");
            for (int label : output)
                if (label < -1 || label > 1) throw drs::Error("training label outside -1, 0, 1");
        }
        multiTaskTrainings.push_back(seen);
        progress.step(1.0, "patch statistics");
        std::ofstream(modelPathOut) << "patch statistics, " << labels.size() << " outputs";
        drs::DeepCtResult result;
        result.featuresPerPatient = extract(modelPathOut, all);
        result.probabilityByOutput.assign(labels.size(), std::vector<double>(all.size(), 0.5));
        result.validationAucByOutput.assign(labels.size(), 0.5);
        result.bestValidationAuc = 0.5;
        result.modelPath = modelPathOut;
        result.epochsRun = 1;
        return result;
    }

    std::vector<drs::DeepFeatures> extract(const std::string&, const std::vector<drs::DeepPatch>& patches) override {
        std::vector<drs::DeepFeatures> features;
        for (const auto& patch : patches) {
            std::vector<float> centre;
            for (int y = 48; y < 112; ++y)
                for (int x = 48; x < 112; ++x) centre.push_back(patch.hu160x160[static_cast<std::size_t>(y * 160 + x)]);
            std::sort(centre.begin(), centre.end());
            drs::DeepFeatures f{};
            for (int k = 0; k < 9; ++k) f[static_cast<std::size_t>(k)] = centre[(k + 1) * centre.size() / 10];
            double mean = 0;
            for (float v : centre) mean += v;
            f[9] = static_cast<float>(mean / static_cast<double>(centre.size()));
            features.push_back(f);
        }
        return features;
    }

    std::vector<double> predict(const std::string&, const std::vector<drs::DeepPatch>& patches, int) override {
        return std::vector<double>(patches.size(), 0.5);
    }

    std::vector<float> gradCam(const std::string&, const drs::DeepPatch& patch, int) override {
        std::vector<float> heat(patch.hu160x160.size());
        for (std::size_t i = 0; i < heat.size(); ++i) heat[i] = patch.hu160x160[i] > -300 ? 1.0f : 0.0f;
        return heat;
    }
};

}  // namespace drs::testing
