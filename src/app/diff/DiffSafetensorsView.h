#pragma once
// The .safetensors page of the diff dialog: counts of added, removed and changed tensors,
// a table of the tensors (changed ones only, unless "Show unchanged" is on) with their
// dtype and shape before and after, and the changed "__metadata__" entries.

#include "diff/SafetensorsDiff.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace hubvault::app {

class DiffSafetensorsView : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, ChangeColumn, OldColumn, NewColumn, DetailColumn, ColumnCount };
    /** Item data of the name column: the SafetensorsDiff::Change as an int. */
    static constexpr int ChangeRole = Qt::UserRole + 1;

    explicit DiffSafetensorsView(QWidget *parent = nullptr);

    void setDiff(const SafetensorsDiff &diff);
    QStandardItemModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *metadataLabel() const { return m_metadata; }
    QCheckBox *showUnchangedBox() const { return m_showUnchanged; }

private:
    void fill();

    SafetensorsDiff m_diff;
    QLabel *m_summary;
    QCheckBox *m_showUnchanged;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QLabel *m_metadata;
};

} // namespace hubvault::app
