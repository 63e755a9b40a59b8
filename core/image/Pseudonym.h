#pragma once
#include <string>

namespace drs {

// Patient identifiers never leave the import step: they are replaced by a salted SHA-256,
// shortened to 16 hex digits ("P-" prefix). The same salt and identifiers give the same pseudonym,
// so a cohort can be re-imported; without the salt the identifiers cannot be recovered by lookup.
std::string pseudonymise(const std::string& patientId, const std::string& patientName, const std::string& salt);

// The salt used when the caller has none of its own: DRS_PSEUDONYM_SALT from the environment,
// else a fixed product-wide value (projects store their own random salt).
std::string defaultPseudonymSalt();

}  // namespace drs
