#include "refs/RefsModel.h"

#include "shell/AppResources.h"

#include <QFont>
#include <QIcon>

namespace hubvault::app {

// Internal ids: 0 marks a group row; a ref row stores its group + 1, which is all
// parent() needs, so no node objects have to be kept in sync with the lists.
namespace {
constexpr quintptr kGroupId = 0;
}

RefsModel::RefsModel(QObject *parent) : QAbstractItemModel(parent)
{
    ensureResources();
}

void RefsModel::setRefs(const GitRefs &refs, const QString &defaultBranch)
{
    beginResetModel();
    m_branches = refs.branches;
    m_tags = refs.tags;
    m_defaultBranch = defaultBranch;
    endResetModel();
}

void RefsModel::clear()
{
    setRefs({}, {});
}

QModelIndex RefsModel::indexOfRef(const QString &fullRef) const
{
    for (int group = 0; group < GroupCount; ++group) {
        const QList<GitRefInfo> &refs = refsOf(group);
        for (int row = 0; row < refs.size(); ++row) {
            if (refs.at(row).ref == fullRef)
                return index(row, NameColumn, index(group, NameColumn));
        }
    }
    return {};
}

QString RefsModel::shortId(const QString &commitId)
{
    return commitId.left(7); // git's default abbreviation, what users recognise
}

QModelIndex RefsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RefsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), NameColumn, kGroupId);
}

int RefsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() == kGroupId && parent.column() == NameColumn)
        return int(refsOf(parent.row()).size());
    return 0;
}

int RefsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RefsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupId)
        return groupData(index.row(), index.column(), role);
    const int group = int(index.internalId() - 1);
    return refData(group, refsOf(group).at(index.row()), index.column(), role);
}

QVariant RefsModel::groupData(int group, int column, int role) const
{
    if (role == Qt::DisplayRole && column == NameColumn) {
        const int count = int(refsOf(group).size());
        return group == BranchesGroup ? tr("Branches (%1)").arg(count) : tr("Tags (%1)").arg(count);
    }
    if (role == Qt::ToolTipRole) {
        return group == BranchesGroup ? tr("Branches: select one to show its commit and files")
                                      : tr("Tags: select one to show its commit and files");
    }
    return {};
}

QVariant RefsModel::refData(int group, const GitRefInfo &ref, int column, int role) const
{
    const bool isDefault = group == BranchesGroup && ref.name == m_defaultBranch;
    const QString commit = ref.targetCommit.value_or(QString());
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return ref.name;
        return commit.isEmpty() ? tr("(empty)") : shortId(commit);
    case Qt::DecorationRole:
        if (column == NameColumn)
            return QIcon(group == TagsGroup ? QStringLiteral(":/icons/tag.svg") : QStringLiteral(":/icons/branch.svg"));
        return {};
    case Qt::FontRole:
        if (isDefault) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = ref.ref + QLatin1Char('\n')
                      + (commit.isEmpty() ? tr("No commits yet") : tr("Commit %1").arg(commit));
        if (isDefault)
            tip += QLatin1Char('\n') + tr("Default branch");
        return tip;
    }
    case RefRole:
        return ref.ref;
    case NameRole:
        return ref.name;
    case CommitIdRole:
        return commit;
    case IsDefaultRole:
        return isDefault;
    case IsTagRole:
        return group == TagsGroup;
    default:
        return {};
    }
}

QVariant RefsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Ref");
    case CommitColumn:
        return tr("Commit");
    default:
        return {};
    }
}

Qt::ItemFlags RefsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Groups are headings: enabled so they draw normally, but a click must not pick a ref.
    if (index.internalId() == kGroupId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

const QList<GitRefInfo> &RefsModel::refsOf(int group) const
{
    return group == BranchesGroup ? m_branches : m_tags;
}

} // namespace hubvault::app
