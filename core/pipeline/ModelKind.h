#pragma once
// The three models every endpoint gets, named in one place. Evidence, the database and the model
// bundle store the display name; code picks a model by its kind, never by its position.
#include <array>
#include <optional>
#include <string>
#include <utility>

namespace drs {

enum class ModelKind {
    RadiomicsScore,  // the tumour and ring RadScores
    DeepCt,          // the 10 deep features of the Deep-CT network
    DeepRadScore,    // both fused: the method's model
};

// Report order.
inline constexpr std::array<ModelKind, 3> kModelKinds{ModelKind::RadiomicsScore, ModelKind::DeepCt,
                                                      ModelKind::DeepRadScore};

inline const std::string& displayName(ModelKind kind) {
    static const std::array<std::string, 3> names{"Radiomics-Score", "Deep-CT", "Deep-RadScore"};
    return names[static_cast<std::size_t>(kind)];
}

inline std::optional<ModelKind> modelKindNamed(const std::string& name) {
    for (ModelKind kind : kModelKinds)
        if (displayName(kind) == name) return kind;
    return std::nullopt;
}

// The paired DeLong tests on the same test patients: the fused model against each single source,
// then the two sources against each other.
inline constexpr std::array<std::pair<ModelKind, ModelKind>, 3> kPairedComparisons{
    std::pair{ModelKind::DeepRadScore, ModelKind::RadiomicsScore},
    std::pair{ModelKind::DeepRadScore, ModelKind::DeepCt}, std::pair{ModelKind::RadiomicsScore, ModelKind::DeepCt}};

}  // namespace drs
