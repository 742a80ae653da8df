// The Simplified Chinese translation: complete (nothing unfinished, placeholders and
// accelerators kept), current (lupdate over today's sources finds no new string), and
// actually selected from the locale by the running app.

#include "AppTranslations.h"
#include "MainWindow.h"

#include <QAction>
#include <QFile>
#include <QHash>
#include <QMenu>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using hubvault::app::MainWindow;

namespace {

const QString kSourceDir = QStringLiteral(HUBVAULT_SOURCE_DIR);

struct Message {
    QString context;
    QString source;
    QStringList translations; ///< one per numerus form
    bool unfinished = false;
};

QList<Message> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{context, {}, {}, false};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations.append(xml.readElementText());
                else if (xml.isCharacters())
                    text += xml.text();
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            out.append(current);
        }
    }
    return out;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?[0-9n]"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.append(it.next().captured());
    out.sort();
    return out;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("&[^&\\s]"));
    return re.match(QString(text).replace(QStringLiteral("&&"), QString())).hasMatch();
}


/** Accelerator letters used twice within one menu of `window` (menus and their submenus). */
QStringList acceleratorClashes(const QMainWindow &window)
{
    QStringList clashes;
    QList<QMenu *> menus;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu())
            menus.append(action->menu());
    }
    while (!menus.isEmpty()) {
        QMenu *menu = menus.takeFirst();
        QHash<QChar, QString> seen;
        for (QAction *action : menu->actions()) {
            if (action->menu())
                menus.append(action->menu());
            if (action->isSeparator() || !action->isVisible())
                continue;
            const QString text = QString(action->text()).replace(QStringLiteral("&&"), QString());
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            if (at < 0 || at + 1 >= text.size())
                continue;
            const QChar key = text.at(at + 1).toLower();
            if (seen.contains(key))
                clashes.append(QStringLiteral("%1: “%2” and “%3”").arg(menu->title(), seen.value(key), action->text()));
            seen.insert(key, action->text());
        }
    }
    return clashes;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void chineseIsComplete()
    {
        const QList<Message> messages = readTs(kSourceDir + QStringLiteral("/translations/hubvault_zh_CN.ts"));
        QVERIFY(messages.size() > 500);
        for (const Message &m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            QVERIFY2(!m.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
            for (const QString &t : m.translations) {
                QVERIFY2(!t.trimmed().isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
                QVERIFY2(placeholders(t) == placeholders(m.source),
                         qPrintable(QStringLiteral("placeholders differ: ") + where + QStringLiteral(" -> ") + t));
                QVERIFY2(hasAccelerator(t) == hasAccelerator(m.source),
                         qPrintable(QStringLiteral("accelerator lost or added: ") + where + QStringLiteral(" -> ") + t));
            }
        }
    }

    void translationIsCurrent()
    {
        const QString lupdate = QStringLiteral("/usr/lib/qt6/bin/lupdate");
        if (!QFile::exists(lupdate))
            QSKIP("lupdate (qt6-l10n-tools) is not installed");
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("hubvault_zh_CN.ts"));
        QVERIFY(QFile::copy(kSourceDir + QStringLiteral("/translations/hubvault_zh_CN.ts"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess process;
        process.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                                kSourceDir + QStringLiteral("/src/app"), kSourceDir + QStringLiteral("/ui"),
                                QStringLiteral("-ts"), copy});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        // Strings added to the sources since the last translation come back unfinished.
        QStringList missing;
        for (const Message &m : readTs(copy)) {
            if (m.unfinished)
                missing.append(m.context + QStringLiteral(": ") + m.source);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("run the update_translations target and translate:\n")
                                               + missing.join(QLatin1Char('\n'))));
    }

    void menusHaveDistinctAccelerators()
    {
        // Before any translator is installed: the English source strings.
        MainWindow window(MainWindow::Persistence::NoSettings);
        const QStringList clashes = acceleratorClashes(window);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void appSpeaksChineseInAChineseLocale()
    {
        QVERIFY(hubvault::app::installTranslations(QLocale(QLocale::Chinese, QLocale::China)));
        MainWindow window(MainWindow::Persistence::NoSettings);
        const QStringList clashes = acceleratorClashes(window);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
        QStringList titles;
        for (QAction *menu : window.menuBar()->actions())
            titles.append(menu->text());
        // The File menu, and the Repository menu created in code.
        QVERIFY2(titles.contains(QStringLiteral("文件(&F)")), qPrintable(titles.join(QLatin1Char('|'))));
        QVERIFY2(titles.contains(QStringLiteral("仓库(&R)")), qPrintable(titles.join(QLatin1Char('|'))));
    }

    void noTranslationForAnUnknownLanguage()
    {
        QVERIFY(!hubvault::app::installTranslations(QLocale(QLocale::Swahili, QLocale::Kenya)));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
