#pragma once
// The repository at a glance: summary figures (commits, branches, tags, files, logical
// and stored size) and the root README rendered. Everything is read on a worker.

#include "async/LatestLoad.h"

#include <QHash>
#include <QString>
#include <QWidget>

class QLabel;
class QTextBrowser;

namespace hubvault::app {

/** The figures of the overview, read by OverviewPage::load(). */
struct OverviewFigures {
    QString repoPath;
    QString revision;      ///< as requested ("" = default branch)
    QString defaultBranch;
    QString headCommit;    ///< commit shown; empty for a branch without commits
    qint64 commits = 0;    ///< commits reachable from the revision
    qint64 branches = 0;
    qint64 tags = 0;
    qint64 files = 0;      ///< files at the revision
    qint64 logicalSize = 0;   ///< sum of the sizes of those files
    qint64 storedSize = 0;    ///< bytes the repository takes on disk (storage overview total)
    qint64 reachableSize = 0; ///< storage overview: bytes reachable from refs
    QString readmePath;       ///< root README used, empty when there is none
    QString readmeText;       ///< its text, at most kReadmeLimit bytes
    bool readmeTruncated = false;
};

class OverviewPage : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 kReadmeLimit = 1 << 20;

    explicit OverviewPage(QWidget *parent = nullptr);

    void setRepository(const QString &repoPath);
    void showRevision(const QString &revision);
    /** Reads the figures again (after packs moved to or from a bucket, ...). */
    void reload();

    bool isLoading() const { return m_loading; }
    const OverviewFigures &figures() const { return m_figures; }
    QTextBrowser *readmeView() const { return m_readme; }
    /** The displayed text of one figure label ("commits", "branches", "tags", "files", "logical", "stored"). */
    QString figureText(const QString &key) const;

    /** The blocking work, public so tests can compare with it. Throws core errors. */
    static OverviewFigures load(const QString &repoPath, const QString &revision, const TaskControl &task = {});

Q_SIGNALS:
    void loaded();
    void errorOccurred(const QString &title, const QString &message);

private:
    void apply(const OverviewFigures &figures);
    QLabel *addFigure(const QString &key, const QString &caption, int row, int column);

    QLabel *m_heading;
    QTextBrowser *m_readme;
    QWidget *m_grid;
    QHash<QString, QLabel *> m_values;
    OverviewFigures m_figures;
    QString m_repoPath;
    QString m_revision;
    LatestLoad m_load;
    bool m_loading = false;
};

} // namespace hubvault::app
