#pragma once
// Typed error hierarchy of the core, mirroring hubvault 0.0.2's exception classes
// (API.md §3). Every message says what failed and, where it helps, what to do.

#include <QString>
#include <exception>

namespace hubvault {

/** Root of every error the core raises. `kind()` is the original's class name. */
class HubVaultError : public std::exception {
public:
    explicit HubVaultError(QString message) : m_message(std::move(message)), m_utf8(m_message.toUtf8()) {}
    const char *what() const noexcept override { return m_utf8.constData(); }
    const QString &message() const { return m_message; }
    virtual QString kind() const { return QStringLiteral("HubVaultError"); }

private:
    QString m_message;
    QByteArray m_utf8;
};

#define HUBVAULT_DECLARE_ERROR(Name, Base)                                   \
    class Name : public Base {                                              \
    public:                                                                 \
        using Base::Base;                                                   \
        QString kind() const override { return QStringLiteral(#Name); }     \
    };

/** The path is not a hubvault repository (missing marker or database). */
HUBVAULT_DECLARE_ERROR(RepositoryNotFoundError, HubVaultError)
/** create_repo on a directory that already holds a repository or other files. */
HUBVAULT_DECLARE_ERROR(RepositoryAlreadyExistsError, HubVaultError)
/** A branch, tag or commit id that does not resolve. */
HUBVAULT_DECLARE_ERROR(RevisionNotFoundError, HubVaultError)
/** A path that does not exist at the requested revision. */
HUBVAULT_DECLARE_ERROR(EntryNotFoundError, HubVaultError)
/** Stale parent_commit, existing ref, merge or ref conflicts. */
HUBVAULT_DECLARE_ERROR(ConflictError, HubVaultError)
/** Stored data does not match its recorded hashes or sizes (damage). */
HUBVAULT_DECLARE_ERROR(IntegrityError, HubVaultError)
/** Verification of the repository failed. */
HUBVAULT_DECLARE_ERROR(VerificationError, HubVaultError)
/** Bad arguments from the caller. */
HUBVAULT_DECLARE_ERROR(HubVaultValidationError, HubVaultError)
/** Illegal repository paths (`..`, absolute, reserved names, ...). */
HUBVAULT_DECLARE_ERROR(UnsupportedPathError, HubVaultValidationError)
/** The caller's cancellation token stopped a long operation. */
HUBVAULT_DECLARE_ERROR(CancelledError, HubVaultError)

#undef HUBVAULT_DECLARE_ERROR

} // namespace hubvault
