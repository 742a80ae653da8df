#include "history/ReflogView.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "shell/OpenRepositories.h"
#include "history/ReflogModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeView>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

constexpr int kMaxEntries = 5000;


QString shortRefName(const QString &fullRef)
{
    for (const QLatin1String prefix : {QLatin1String("refs/heads/"), QLatin1String("refs/tags/")}) {
        if (fullRef.startsWith(prefix))
            return fullRef.mid(prefix.size());
    }
    return fullRef;
}

} // namespace

ReflogView::ReflogView(QWidget *parent)
    : QWidget(parent), m_model(new ReflogModel(this)), m_heading(new QLabel(this)), m_status(new QLabel(this)),
      m_view(new QTreeView(this))
{
    m_heading->setObjectName(QStringLiteral("reflogHeading"));
    m_status->setObjectName(QStringLiteral("reflogStatus"));
    m_view->setObjectName(QStringLiteral("reflogView"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->hide();

    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setToolTip(tr("Double-click an entry to show the commit the ref moved to"));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(ReflogModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ReflogModel::OldHeadColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ReflogModel::NewHeadColumn, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addWidget(m_heading);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString commit = index.siblingAtColumn(0).data(ReflogModel::NewHeadRole).toString();
        const QString fallback = index.siblingAtColumn(0).data(ReflogModel::OldHeadRole).toString();
        if (!commit.isEmpty())
            Q_EMIT commitActivated(commit);
        else if (!fallback.isEmpty())
            Q_EMIT commitActivated(fallback);
    });
    showRef({});
}

void ReflogView::setRepository(const QString &repoPath)
{
    m_repoPath = repoPath;
    m_ref.clear();
    showRef({});
}

void ReflogView::showRef(const QString &fullRef)
{
    const quint64 serial = ++m_serial;
    m_ref = fullRef;
    m_model->clear();
    if (m_repoPath.isEmpty() || fullRef.isEmpty()) {
        m_loading = false;
        m_heading->setText(tr("Reflog"));
        setStatus(tr("Select a branch or tag to see how it moved."));
        return;
    }
    m_loading = true;
    m_heading->setText(tr("Reflog of <b>%1</b>").arg(shortRefName(fullRef).toHtmlEscaped()));
    setStatus(tr("Loading…"));
    const QString repoPath = m_repoPath;
    background::run(
        // The newest entries only: a ref of a long history moved once per commit, and
        // resolving every entry's commit would read the whole history.
        this, [repoPath, fullRef] { return repositories::shared(repoPath)->listRepoReflog(fullRef, kMaxEntries + 1); },
        [this, serial, fullRef](const background::Outcome<QList<ReflogEntry>> &result) {
            if (serial != m_serial)
                return; // a newer ref was chosen meanwhile
            m_loading = false;
            if (result.ok()) {
                QList<ReflogEntry> entries = *result.value;
                const bool more = entries.size() > kMaxEntries;
                if (more)
                    entries.resize(kMaxEntries);
                m_model->setEntries(fullRef, entries);
                if (entries.isEmpty())
                    setStatus(tr("This ref has no reflog entries."));
                else if (more)
                    setStatus(tr("Showing the newest %1 entries.").arg(QLocale().toString(kMaxEntries)));
                else
                    setStatus(QString());
            } else {
                setStatus(tr("Cannot read the reflog: %1").arg(result.failure.message));
            }
            Q_EMIT loaded(fullRef);
        }, background::historyThreadPool());
}

void ReflogView::reload()
{
    showRef(m_ref);
}

QString ReflogView::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void ReflogView::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_view->setVisible(text.isEmpty() || m_model->rowCount() > 0);
}

} // namespace hubvault::app
