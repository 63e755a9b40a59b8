#pragma once
// Where tests find data they did not make. Redistributable data lives in the repository
// (tests/data, DRS_TEST_DATA). The IBSI-1 CT radiomics phantom is CC BY-NC 3.0 and stays outside:
// it is read from the shared reference folder, ../shared/reference by default (README, "Reference
// data"). The environment variable DRS_SHARED_REFERENCE overrides that folder at run time, which
// is how CI also runs these tests as on a plain clone (scripts/test.sh).
//
// A test that includes this header is labelled shared-reference by tests/CMakeLists.txt.
#include <QtTest>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace drs::test {

inline std::string sharedReference() {
    if (const char* folder = std::getenv("DRS_SHARED_REFERENCE"); folder && *folder) return folder;
    return DRS_SHARED_REFERENCE_DEFAULT;
}

// The phantom as theibsi/data_sets ships it: dicom/{image,mask}, image/phantom.nii.gz, mask/mask.nii.gz.
inline std::string ibsiCtPhantom() { return sharedReference() + "/ibsi1/ct_radiomics_phantom"; }

inline bool haveIbsiCtPhantom() {
    const std::string root = ibsiCtPhantom();
    for (const char* part :
         {"/dicom/image", "/dicom/mask/DCM_RS_00060.dcm", "/image/phantom.nii.gz", "/mask/mask.nii.gz"})
        if (!std::filesystem::exists(root + part)) return false;
    return true;
}

}  // namespace drs::test

// QSKIP returns from the function it is written in, so the check is a macro: written in a test
// function (or init()), it ends that test function.
#define DRS_REQUIRE_IBSI_CT_PHANTOM()                                                                        \
    do {                                                                                                     \
        if (!::drs::test::haveIbsiCtPhantom())                                                               \
            QSKIP(                                                                                           \
                "IBSI-1 CT radiomics phantom (CC BY-NC 3.0, not redistributable) is absent from the shared " \
                "reference folder; README, \"Reference data\", says how to get it");                         \
    } while (0)
