#include "viewers/SurfaceView.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkWindowedSincPolyDataFilter.h>
#include <algorithm>
#include <limits>

namespace drs::viewers {
namespace {

struct BoxXyz {
    std::array<std::int64_t, 3> lower{std::numeric_limits<std::int64_t>::max(),
                                      std::numeric_limits<std::int64_t>::max(),
                                      std::numeric_limits<std::int64_t>::max()};
    std::array<std::int64_t, 3> upper{-1, -1, -1};
    bool empty() const { return upper[0] < lower[0]; }
};

bool inLayer(std::uint16_t value, std::uint16_t label) { return value != 0 && (label == 0 || value == label); }

BoxXyz boundingBox(const LabelMap& labels, std::uint16_t label) {
    BoxXyz box;
    const auto& size = labels.geometry.sizeXyz;
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
            for (std::int64_t x = 0; x < size[0]; ++x) {
                if (!inLayer(labels.at(x, y, z), label)) continue;
                const std::array<std::int64_t, 3> index{x, y, z};
                for (int a = 0; a < 3; ++a) {
                    box.lower[a] = std::min(box.lower[a], index[a]);
                    box.upper[a] = std::max(box.upper[a], index[a]);
                }
            }
    return box;
}

// Binary image of the layer over its bounding box plus one empty voxel on every side, placed at
// index * spacing (direction and origin are applied to the actor).
vtkSmartPointer<vtkImageData> binaryImage(const LabelMap& labels, std::uint16_t label, const BoxXyz& box) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    const auto& spacing = labels.geometry.spacingMm;
    int dims[3];
    for (int a = 0; a < 3; ++a) dims[a] = static_cast<int>(box.upper[a] - box.lower[a] + 3);
    image->SetDimensions(dims);
    image->SetSpacing(spacing[0], spacing[1], spacing[2]);
    image->SetOrigin((box.lower[0] - 1) * spacing[0], (box.lower[1] - 1) * spacing[1], (box.lower[2] - 1) * spacing[2]);
    image->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
    auto* out = static_cast<unsigned char*>(image->GetScalarPointer());
    std::fill(out, out + static_cast<std::size_t>(dims[0]) * dims[1] * dims[2], 0);
    for (std::int64_t z = box.lower[2]; z <= box.upper[2]; ++z)
        for (std::int64_t y = box.lower[1]; y <= box.upper[1]; ++y)
            for (std::int64_t x = box.lower[0]; x <= box.upper[0]; ++x) {
                const std::size_t at = static_cast<std::size_t>(
                    ((z - box.lower[2] + 1) * dims[1] + (y - box.lower[1] + 1)) * dims[0] + (x - box.lower[0] + 1));
                out[at] = inLayer(labels.at(x, y, z), label) ? 1 : 0;
            }
    return image;
}

vtkSmartPointer<vtkMatrix4x4> patientTransform(const Geometry& geometry) {
    auto matrix = vtkSmartPointer<vtkMatrix4x4>::New();
    for (int row = 0; row < 3; ++row) {
        for (int column = 0; column < 3; ++column)
            matrix->SetElement(row, column, geometry.direction[row * 3 + column]);
        matrix->SetElement(row, 3, geometry.originMm[row]);
    }
    return matrix;
}

}  // namespace

SurfaceView::SurfaceView(QWidget* parent) : VtkOpenGLWidget(parent) {
    renderer()->SetBackground(0.08, 0.09, 0.12);
    renderer()->SetBackground2(0.25, 0.27, 0.33);
    renderer()->GradientBackgroundOn();
    // Translucent layers (the ring around the tumour) need per-fragment ordering to look right.
    renderWindow()->SetAlphaBitPlanes(1);
    renderer()->SetUseDepthPeeling(1);
    renderer()->SetMaximumNumberOfPeels(8);
    renderer()->SetOcclusionRatio(0.0);
}

SurfaceView::~SurfaceView() = default;

void SurfaceView::setSurfaces(const std::vector<SurfaceLayer>& layers, Camera camera) {
    renderer()->RemoveAllViewProps();
    triangleCounts_.assign(layers.size(), 0);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const SurfaceLayer& layer = layers[i];
        if (!layer.labels) continue;
        const BoxXyz box = boundingBox(*layer.labels, layer.label);
        if (box.empty()) continue;

        auto surface = vtkSmartPointer<vtkFlyingEdges3D>::New();
        surface->SetInputData(binaryImage(*layer.labels, layer.label, box));
        surface->SetValue(0, 0.5);
        surface->ComputeNormalsOff();
        // Voxel staircases hide the shape; a windowed-sinc pass smooths them without shrinking.
        auto smooth = vtkSmartPointer<vtkWindowedSincPolyDataFilter>::New();
        smooth->SetInputConnection(surface->GetOutputPort());
        smooth->SetNumberOfIterations(15);
        smooth->SetPassBand(0.1);
        smooth->NormalizeCoordinatesOn();
        smooth->BoundarySmoothingOff();
        auto normals = vtkSmartPointer<vtkPolyDataNormals>::New();
        normals->SetInputConnection(smooth->GetOutputPort());
        normals->SplittingOff();
        normals->Update();
        triangleCounts_[i] = static_cast<std::size_t>(normals->GetOutput()->GetNumberOfPolys());

        auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        mapper->SetInputConnection(normals->GetOutputPort());
        mapper->ScalarVisibilityOff();
        auto actor = vtkSmartPointer<vtkActor>::New();
        actor->SetMapper(mapper);
        actor->SetUserMatrix(patientTransform(layer.labels->geometry));
        actor->GetProperty()->SetColor(layer.colour.redF(), layer.colour.greenF(), layer.colour.blueF());
        actor->GetProperty()->SetOpacity(layer.opacity);
        actor->GetProperty()->SetSpecular(0.2);
        renderer()->AddActor(actor);
    }
    if (camera == Camera::Reset) {
        // Anterior view, superior up: LPS puts anterior at -y and superior at +z.
        vtkCamera* view = renderer()->GetActiveCamera();
        view->SetFocalPoint(0, 0, 0);
        view->SetPosition(0, -1, 0);
        view->SetViewUp(0, 0, 1);
        renderer()->ResetCamera();
    }
    update();
}

}  // namespace drs::viewers
