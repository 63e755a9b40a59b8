#pragma once
#include <cstdint>
#include <vector>

#include <QString>

namespace drs::viewers {

// A display window in Hounsfield units: HU <= level - width/2 shows black, HU >= level + width/2
// white, linear in between.
struct WindowLevel {
    double widthHu = 400;
    double levelHu = 40;
};

enum class WindowPreset { Lung, Mediastinum, Bone };

struct NamedWindow {
    WindowPreset preset;
    QString name;  // translated
    WindowLevel window;
};

// The chest CT presets in the order the GUI offers them.
std::vector<NamedWindow> windowPresets();
WindowLevel windowFor(WindowPreset preset);

// Grey value 0..255 of an intensity under a window (rounded to nearest).
std::uint8_t greyFor(float hu, const WindowLevel& window);

}  // namespace drs::viewers
