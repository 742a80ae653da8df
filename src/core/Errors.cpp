// The original's class names of the error kinds (see Errors.h).
#include <hubvault/Errors.h>
#include "EnumNames.h"

namespace hubvault {

namespace {

constexpr std::array<std::pair<ErrorKind, const char *>, 15> kErrorKinds{{
    {ErrorKind::HubVault, "HubVaultError"},
    {ErrorKind::RepositoryNotFound, "RepositoryNotFoundError"},
    {ErrorKind::RepositoryAlreadyExists, "RepositoryAlreadyExistsError"},
    {ErrorKind::RevisionNotFound, "RevisionNotFoundError"},
    {ErrorKind::EntryNotFound, "EntryNotFoundError"},
    {ErrorKind::Conflict, "ConflictError"},
    {ErrorKind::RefAlreadyExists, "ConflictError"},
    {ErrorKind::Integrity, "IntegrityError"},
    {ErrorKind::Verification, "VerificationError"},
    {ErrorKind::Validation, "HubVaultValidationError"},
    {ErrorKind::UnsupportedPath, "UnsupportedPathError"},
    {ErrorKind::Cancelled, "CancelledError"},
    {ErrorKind::Authentication, "HubVaultRemoteAuthError"},
    {ErrorKind::RemoteTransport, "HubVaultRemoteTransportError"},
    {ErrorKind::RemoteProtocol, "HubVaultRemoteProtocolError"},
}};

} // namespace

QString errorKindName(ErrorKind kind) { return nameOf(kErrorKinds, kind); }

} // namespace hubvault
