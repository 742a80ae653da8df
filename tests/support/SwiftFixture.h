#pragma once
// The object store of the S3 tests: the single-node OpenStack Swift that the CTest
// fixture "swift" starts (tests/support/swift/swift-fixture.sh, HUBVAULT_SWIFT_DIR).
// HUBVAULT_SWIFT_ENV names another fixture's env file, to run a suite by hand against a
// store already running. Suites list FIXTURES_REQUIRED swift in their CMakeLists.txt.

#include "objectstore/S3Client.h"
#include "objectstore/S3Credentials.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QTest>

namespace hubvault::test {

/** The fixture's folder (its env file, pids, logs). */
inline QString swiftDir()
{
    const QString env = qEnvironmentVariable("HUBVAULT_SWIFT_ENV");
    return env.isEmpty() ? QStringLiteral(HUBVAULT_SWIFT_DIR) : env.section(QLatin1Char('/'), 0, -2);
}

/**
 * Puts the fixture's endpoint and keys (HUBVAULT_S3_ENDPOINT, AWS_ACCESS_KEY_ID, ...) into
 * this process's environment and returns the endpoint; empty when the fixture is not
 * running (callers QFAIL: CI installs Swift, so a missing store is a failure, not a skip).
 */
inline QString loadSwiftEnv()
{
    QFile env(qEnvironmentVariable("HUBVAULT_SWIFT_ENV", swiftDir() + QStringLiteral("/env")));
    if (!env.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : env.readAll().split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            qputenv(line.left(equals).constData(), line.mid(equals + 1));
    }
    return qEnvironmentVariable("HUBVAULT_S3_ENDPOINT");
}

/** Creates a new, empty bucket "<stem>-<random>" and returns its name. */
inline QString newBucket(const QString &stem)
{
    const QString name = QStringLiteral("%1-%2").arg(stem).arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    hubvault::objectstore::S3Client(hubvault::objectstore::S3Location::parse(QStringLiteral("s3://") + name,
                                                                            qEnvironmentVariable("HUBVAULT_S3_ENDPOINT")),
                                    hubvault::objectstore::S3Credentials::find())
        .createBucket();
    return name;
}

/** Runs Debian's awscli (the independent client) against the fixture; its stdout. */
inline QByteArray aws(const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.start(QStringLiteral("/usr/bin/aws"),
                  QStringList{QStringLiteral("--endpoint-url"), qEnvironmentVariable("HUBVAULT_S3_ENDPOINT")} + arguments);
    process.waitForFinished(600000);
    if (exitCode)
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

} // namespace hubvault::test
