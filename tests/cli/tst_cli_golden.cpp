// The CLI's whole output on the hubvault 0.0.2 fixtures, compared byte for byte with the
// recorded outputs in tests/cli/golden/: refactoring above the core must not change a byte.
#include "CliTest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault::test;

namespace {

struct GoldenCase {
    int line = 0;
    QString fixture;
    QStringList args;
};

QString goldenDir() { return sourceDir() + QStringLiteral("/tests/cli/golden"); }

QList<GoldenCase> readCases()
{
    QFile file(goldenDir() + QStringLiteral("/cases.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    QList<GoldenCase> cases;
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString fixture = words.takeFirst();
        cases.append({line, fixture, words});
    }
    return cases;
}

/** Exit code and both streams, with the run's temporary paths replaced by placeholders. */
QByteArray transcript(const CliResult &r, const QString &repo, const QString &out)
{
    auto normalised = [&](QString text) {
        text.replace(repo, QStringLiteral("@REPO@"));
        text.replace(out, QStringLiteral("@OUT@"));
        return text;
    };
    return QStringLiteral("exit: %1\n--- stdout\n%2--- stderr\n%3")
        .arg(r.exitCode)
        .arg(normalised(r.out), normalised(r.err))
        .toUtf8();
}

} // namespace

class TestCliGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outputsMatchTheRecordedOnes_data();
    void outputsMatchTheRecordedOnes();

private:
    QTemporaryDir m_work;
    QMap<QString, QString> m_copies; // fixture -> its one copy, shared by its cases in order
};

void TestCliGolden::outputsMatchTheRecordedOnes_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("args");
    for (const GoldenCase &c : readCases())
        QTest::addRow("%d: %s %s", c.line, qPrintable(c.fixture), qPrintable(c.args.join(QLatin1Char(' '))))
            << c.line << c.fixture << c.args;
}

void TestCliGolden::outputsMatchTheRecordedOnes()
{
    QFETCH(int, line);
    QFETCH(QString, fixture);
    QFETCH(QStringList, args);
    QVERIFY(m_work.isValid());
    if (!m_copies.contains(fixture))
        m_copies.insert(fixture, copyFixture(fixture, m_work.path()));
    const QString repo = m_copies.value(fixture);
    const QString out = m_work.path() + QStringLiteral("/out-%1").arg(line);
    QVERIFY(QDir().mkpath(out));
    for (QString &arg : args)
        arg.replace(QStringLiteral("@OUT@"), out);

    const CliResult r = runCli(QStringList{QStringLiteral("-C"), repo} + args, m_work.path());
    QVERIFY2(!r.crashed, qPrintable(r.err));
    const QByteArray actual = transcript(r, repo, out);

    const QString goldenPath = goldenDir() + QStringLiteral("/%1/%2.txt").arg(fixture).arg(line, 3, 10, QLatin1Char('0'));
    if (qEnvironmentVariableIsSet("HUBVAULT_UPDATE_GOLDEN")) {
        QVERIFY(QDir().mkpath(QFileInfo(goldenPath).path()));
        QFile file(goldenPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual);
        return;
    }
    QFile file(goldenPath);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(QStringLiteral("no recorded output ") + goldenPath));
    const QByteArray expected = file.readAll();
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(expected));
}

QTEST_GUILESS_MAIN(TestCliGolden)
#include "tst_cli_golden.moc"
