// HubVault's version, authors, compatibility and the runtime library versions (Version.h).
#include <hubvault/Version.h>

#include <QStringList>
#include <archive.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

namespace hubvault {

QString version()
{
    return QStringLiteral(HUBVAULT_VERSION);
}

QString authors()
{
    return QStringLiteral("the HubVault maintainers <maintainers@users.noreply.r-seed-86b1da5e.example>");
}

QString compatibleHubvaultVersion()
{
    return QStringLiteral("0.0.2");
}

int repositoryFormatVersion()
{
    return 1;
}

QString runtimeLibraryVersions()
{
    // archive_version_string() is "libarchive 3.6.2"; the name is added the same way for all.
    QString archive = QString::fromLatin1(archive_version_string());
    archive.remove(QStringLiteral("libarchive "));
    const QStringList parts = {
        QStringLiteral("Qt ") + QString::fromLatin1(qVersion()),
        QStringLiteral("SQLite ") + QString::fromLatin1(sqlite3_libversion()),
        QStringLiteral("OpenSSL ") + QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION_STRING)),
        QStringLiteral("libarchive ") + archive,
    };
    return parts.join(QStringLiteral(", "));
}

QString versionText(const QString &program)
{
    return QStringLiteral("HubVault version %1 (%2)\n"
                          "Developed by %3.\n"
                          "Compatible with hubvault version %4 (repository format version %5).\n"
                          "Running with %6.\n")
        .arg(version(), program, authors(), compatibleHubvaultVersion())
        .arg(repositoryFormatVersion())
        .arg(runtimeLibraryVersions());
}

} // namespace hubvault
