#include "core/pipeline/RunFeatureSettings.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "core/pipeline/DeepCtPort.h"

namespace drs {

RunFeatureSettings runFeatureSettings(const std::string& parametersJson, const std::string& source) {
    const QJsonObject parameters = QJsonDocument::fromJson(QByteArray::fromStdString(parametersJson)).object();
    RunFeatureSettings settings;
    settings.regions.ringThicknessMm = parameters["ring_mm"].toDouble(3.0);
    settings.regions.patchSizePx = parameters["patch_px"].toInt(kDeepPatchSizePx);
    if (parameters.contains("patch_spacing_mm"))
        settings.regions.patchSpacingMm = parameters["patch_spacing_mm"].toDouble();
    if (parameters.contains("patch_tumour_extents"))
        settings.regions.patchTumourExtents = parameters["patch_tumour_extents"].toDouble();
    settings.radiomics =
        radiomics::parseParameterJson(QJsonDocument(parameters["radiomics"].toObject()).toJson().toStdString(), source)
            .settings;
    settings.wavelet = parameters["wavelet"].toBool(true);
    return settings;
}

}  // namespace drs
