#pragma once
#include <string>

namespace drs {

// The per-site secret pseudonyms are made with. It lives in a key file outside every project (mode
// 0600), so that holding a project, or a copy of it, is not enough to link a pseudonym to a patient.
// Workstations of one site share the key by copying the file (docs/privacy.md).
struct SiteKey {
    std::string path;    // the key file it was read from; never written into a project, log or report
    std::string secret;  // 32 random bytes
    // A public fingerprint (HMAC of a fixed text, 16 hex digits), stored in a project so that work under
    // another key is noticed. It reveals nothing of the secret and cannot make a pseudonym.
    std::string id() const;
};

// The key file to use: explicitPath, else $DRS_KEY_FILE, else "<user configuration folder>/DeepRadScore/
// site-key" (e.g. ~/.config/DeepRadScore/site-key).
std::string siteKeyPath(const std::string& explicitPath = {});

// Reads siteKeyPath(explicitPath), creating it with a fresh random key (file mode 0600, its folder 0700)
// when absent. Two processes creating it at once end up with the same key. Throws Error naming the file
// when it cannot be read or created, holds no key (64 hex digits), or other users may read it.
SiteKey loadSiteKey(const std::string& explicitPath = {});

// "P-" + the first 16 hex digits of HMAC-SHA256(key, patient identifier without surrounding blanks).
// The one rule for every source (a DICOM PatientID, a clinical table's patient_id, a PACS study), so
// a patient gets the same pseudonym from each.
std::string pseudonymise(const std::string& patientId, const SiteKey& key);

// The rule of releases before the site key: SHA-256 of a salt stored in the project, the identifier
// and an empty name. Kept only to re-key such projects.
std::string legacyPseudonym(const std::string& patientId, const std::string& salt);

}  // namespace drs
