#pragma once
// The refs panel's data: a two-level tree with a "Branches" and a "Tags" group, each
// ref showing its name and short commit id. Holds copies of the core's value types only.

#include <hubvault/Models.h>

#include <QAbstractItemModel>
#include <QList>
#include <QString>

namespace hubvault::app {

/** Branches and tags of one repository, grouped, with the default branch marked. */
class RefsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, CommitColumn, ColumnCount };
    enum Group { BranchesGroup, TagsGroup, GroupCount };
    enum Role {
        RefRole = Qt::UserRole + 1, ///< full ref name, e.g. refs/heads/main; empty on groups
        NameRole,                   ///< short name, e.g. main
        CommitIdRole,               ///< full target commit id; empty for an empty branch
        IsDefaultRole,              ///< true on the default branch
        IsTagRole,
    };

    explicit RefsModel(QObject *parent = nullptr);

    void setRefs(const GitRefs &refs, const QString &defaultBranch);
    void clear();

    const QList<GitRefInfo> &branches() const { return m_branches; }
    const QList<GitRefInfo> &tags() const { return m_tags; }
    QString defaultBranch() const { return m_defaultBranch; }

    /** The index (column 0) of the ref with this full name, or an invalid index. */
    QModelIndex indexOfRef(const QString &fullRef) const;

    static QString shortId(const QString &commitId);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const QList<GitRefInfo> &refsOf(int group) const;
    QVariant groupData(int group, int column, int role) const;
    QVariant refData(int group, const GitRefInfo &ref, int column, int role) const;

    QList<GitRefInfo> m_branches;
    QList<GitRefInfo> m_tags;
    QString m_defaultBranch;
};

} // namespace hubvault::app
