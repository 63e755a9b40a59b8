#include "viewers/WindowLevel.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace drs::viewers {

WindowLevel windowFor(WindowPreset preset) {
    // Conventional chest CT windows (width, level) in HU.
    switch (preset) {
    case WindowPreset::Lung: return {1500, -600};
    case WindowPreset::Mediastinum: return {350, 50};
    case WindowPreset::Bone: return {1800, 400};
    }
    return {};
}

std::vector<NamedWindow> windowPresets() {
    return {{WindowPreset::Lung, QCoreApplication::translate("WindowLevel", "Lung"), windowFor(WindowPreset::Lung)},
            {WindowPreset::Mediastinum, QCoreApplication::translate("WindowLevel", "Mediastinum"),
             windowFor(WindowPreset::Mediastinum)},
            {WindowPreset::Bone, QCoreApplication::translate("WindowLevel", "Bone"), windowFor(WindowPreset::Bone)}};
}

std::uint8_t greyFor(float hu, const WindowLevel& window) {
    const double lowerHu = window.levelHu - window.widthHu / 2;
    const double fraction = (static_cast<double>(hu) - lowerHu) / window.widthHu;
    return static_cast<std::uint8_t>(std::clamp<long>(std::lround(fraction * 255.0), 0, 255));
}

}  // namespace drs::viewers
