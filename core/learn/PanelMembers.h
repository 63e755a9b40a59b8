#pragma once
#include <memory>

#include "core/learn/Classifier.h"
#include "core/learn/LogisticRegression.h"
#include "core/learn/RandomForest.h"

// Factories of the panel members whose classes need no public header (internal to core/learn).
namespace drs::learn {

std::unique_ptr<Classifier> makeSvm(const ClassifierOptions& options);
std::unique_ptr<Classifier> makeKnn();
std::unique_ptr<Classifier> makeGaussianNaiveBayes();
std::unique_ptr<Classifier> makeMlp(const ClassifierOptions& options);
std::unique_ptr<Classifier> makeLda();

}  // namespace drs::learn
