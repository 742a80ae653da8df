// The Simplified Chinese translation: complete (nothing unfinished, placeholders and
// accelerators kept), current (lupdate over today's sources finds no new string), and
// actually selected from the locale by the running app.

#include "AppTestSupport.h"
#include "shell/AppTranslations.h"
#include "history/CommitGraphModel.h"
#include "files/FilesPanel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "TestSupport.h"

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
#include <functional>

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


/** Accelerator letters used twice among the visible actions of `menu` itself. */
QStringList menuClashes(const QMenu &menu)
{
    QStringList clashes;
    QHash<QChar, QString> seen;
    for (QAction *action : menu.actions()) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QString text = QString(action->text()).replace(QStringLiteral("&&"), QString());
        const qsizetype at = text.indexOf(QLatin1Char('&'));
        if (at < 0 || at + 1 >= text.size())
            continue;
        const QChar key = text.at(at + 1).toLower();
        if (seen.contains(key))
            clashes.append(QStringLiteral("%1: “%2” and “%3”").arg(menu.title(), seen.value(key), action->text()));
        seen.insert(key, action->text());
    }
    return clashes;
}

/** Clashes in every menu of the menu bar and their submenus. */
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
        clashes.append(menuClashes(*menu));
        for (QAction *action : menu->actions()) {
            if (action->menu())
                menus.append(action->menu());
        }
    }
    return clashes;
}

/** Clashes in the context menus of the graph, the file tree and the refs panel. */
QStringList contextMenuClashes(MainWindow &window)
{
    QStringList clashes;
    auto check = [&](const QString &where, const std::function<void(QMenu *)> &fill) {
        QMenu menu;
        menu.setTitle(where);
        fill(&menu);
        clashes.append(menuClashes(menu));
    };
    const hubvault::app::HistoryPanel *history = window.historyPanel();
    const QStringList commits{history->model()->index(0, 0).data(hubvault::app::CommitGraphModel::CommitIdRole).toString(),
                              history->model()->index(1, 0).data(hubvault::app::CommitGraphModel::CommitIdRole).toString()};
    check(QStringLiteral("graph, one commit"), [&](QMenu *m) { window.historyPanel()->fillContextMenu(m, {commits.first()}); });
    check(QStringLiteral("graph, two commits"), [&](QMenu *m) { window.historyPanel()->fillContextMenu(m, commits); });
    check(QStringLiteral("files, root"), [&](QMenu *m) { window.filesPanel()->fillContextMenu(m, {}, true); });
    check(QStringLiteral("files, folder"), [&](QMenu *m) { window.filesPanel()->fillContextMenu(m, QStringLiteral("topic"), true); });
    check(QStringLiteral("files, file"), [&](QMenu *m) { window.filesPanel()->fillContextMenu(m, QStringLiteral("topic/two.txt"), false); });
    for (const QString &ref : {QStringLiteral("refs/heads/main"), QStringLiteral("refs/heads/topic"), QStringLiteral("refs/tags/v1.0")})
        check(ref, [&](QMenu *m) { window.fillRefsContextMenu(m, ref); });
    return clashes;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

    /** Opens a copy of fixture c (branches, tags, folders) with its graph loaded. */
    bool openFixture(MainWindow &window)
    {
        const QString repo = hubvault::test::copyFixture(QStringLiteral("c-branches-merges"), m_dir.path() + QLatin1Char('/') + QString::number(++m_copies));
        window.show();
        return !repo.isEmpty() && hubvault::test::openRepositoryIn(window, repo, 30000)
            && QTest::qWaitFor([&] { return window.historyPanel()->model()->rowCount() >= 2 && !window.isBusy(); }, 30000);
    }

    QTemporaryDir m_dir;
    int m_copies = 0;

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
        QVERIFY(openFixture(window));
        QStringList clashes = acceleratorClashes(window) + contextMenuClashes(window);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void appSpeaksChineseInAChineseLocale()
    {
        QVERIFY(hubvault::app::installTranslations(QLocale(QLocale::Chinese, QLocale::China)));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openFixture(window));
        const QStringList clashes = acceleratorClashes(window) + contextMenuClashes(window);
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
