#pragma once
// Typed error hierarchy of the core, mirroring hubvault 0.0.2's exception classes
// (API.md §3). Every message says what failed and, where it helps, what to do.

#include <QByteArray>
#include <QString>
#include <exception>

namespace hubvault {

/** What went wrong, one value per error class below. */
enum class ErrorKind {
    HubVault,
    RepositoryNotFound,
    RepositoryAlreadyExists,
    RevisionNotFound,
    EntryNotFound,
    Conflict,
    RefAlreadyExists,
    Integrity,
    Verification,
    Validation,
    UnsupportedPath,
    Cancelled,
    Authentication, ///< a server refused the token (HTTP 401/403)
    RemoteTransport, ///< a server could not be reached or the connection failed
    RemoteProtocol,  ///< a server answered something the protocol does not allow
};

/**
 * The original's class name of an error kind ("EntryNotFoundError"), as the CLI prints it
 * and JSON carries it. RefAlreadyExists is a ConflictError there.
 */
QString errorKindName(ErrorKind kind);

/** Root of every error the core raises. */
class HubVaultError : public std::exception {
public:
    explicit HubVaultError(QString message) : m_message(std::move(message)), m_utf8(m_message.toUtf8()) {}
    const char *what() const noexcept override { return m_utf8.constData(); }
    const QString &message() const { return m_message; }
    virtual ErrorKind errorKind() const { return ErrorKind::HubVault; }
    /** The original's class name, for display and JSON only: compare errorKind() instead. */
    QString kind() const { return errorKindName(errorKind()); }

private:
    QString m_message;
    QByteArray m_utf8;
};

#define HUBVAULT_DECLARE_ERROR(Name, Base, Kind)                            \
    class Name : public Base {                                              \
    public:                                                                 \
        using Base::Base;                                                   \
        ErrorKind errorKind() const override { return ErrorKind::Kind; }    \
    };

/** The path is not a hubvault repository (missing marker or database). */
HUBVAULT_DECLARE_ERROR(RepositoryNotFoundError, HubVaultError, RepositoryNotFound)
/** create_repo on a directory that already holds a repository or other files. */
HUBVAULT_DECLARE_ERROR(RepositoryAlreadyExistsError, HubVaultError, RepositoryAlreadyExists)
/** A branch, tag or commit id that does not resolve. */
HUBVAULT_DECLARE_ERROR(RevisionNotFoundError, HubVaultError, RevisionNotFound)
/** A path that does not exist at the requested revision. */
HUBVAULT_DECLARE_ERROR(EntryNotFoundError, HubVaultError, EntryNotFound)
/** Stale parent_commit, existing ref, merge or ref conflicts. */
HUBVAULT_DECLARE_ERROR(ConflictError, HubVaultError, Conflict)
/** Creating a branch or tag whose name is taken (a ConflictError in the original). */
HUBVAULT_DECLARE_ERROR(RefAlreadyExistsError, ConflictError, RefAlreadyExists)
/** Stored data does not match its recorded hashes or sizes (damage). */
HUBVAULT_DECLARE_ERROR(IntegrityError, HubVaultError, Integrity)
/** Verification of the repository failed. */
HUBVAULT_DECLARE_ERROR(VerificationError, HubVaultError, Verification)
/** Bad arguments from the caller. */
HUBVAULT_DECLARE_ERROR(HubVaultValidationError, HubVaultError, Validation)
/** Illegal repository paths (`..`, absolute, reserved names, ...). */
HUBVAULT_DECLARE_ERROR(UnsupportedPathError, HubVaultValidationError, UnsupportedPath)
/** The caller's cancellation token stopped a long operation. */
HUBVAULT_DECLARE_ERROR(CancelledError, HubVaultError, Cancelled)

/** Root of the remote client's own errors (the original's hubvault.remote.errors). */
class HubVaultRemoteError : public HubVaultError {
public:
    using HubVaultError::HubVaultError;
};
/** The server refused the token: missing, unknown, or read-only for a write (401/403). */
HUBVAULT_DECLARE_ERROR(HubVaultRemoteAuthError, HubVaultRemoteError, Authentication)
/** No answer: refused connection, timeout, reset ("Remote request failed: <reason>"). */
HUBVAULT_DECLARE_ERROR(HubVaultRemoteTransportError, HubVaultRemoteError, RemoteTransport)
/** An answer outside the protocol: non-JSON errors, unknown error types, malformed models. */
HUBVAULT_DECLARE_ERROR(HubVaultRemoteProtocolError, HubVaultRemoteError, RemoteProtocol)

#undef HUBVAULT_DECLARE_ERROR

} // namespace hubvault
