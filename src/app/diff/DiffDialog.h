#pragma once
// The diff dialog: the files that differ between two revisions on the left (path, change,
// sizes), the selected file's comparison on the right: text side by side or unified with
// intra-line highlights, images side by side / swipe / onion skin, .safetensors tensor by
// tensor, anything else by size, sha256 and stored pieces. Non-modal and resizable; the
// listing and each file's comparison run on worker threads (DiffLoader) behind a busy
// indicator, and selecting another file cancels the comparison still running.

#include <hubvault/Progress.h>
#include "async/BackgroundCall.h"
#include "diff/DiffLoader.h"

#include <QDialog>
#include <optional>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QStandardItemModel;
class QTreeView;

namespace hubvault::app {

class BinaryDiffView;
class DiffImageView;
class DiffSafetensorsView;
class DiffTextView;

class DiffDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, OldSizeColumn, NewSizeColumn, ColumnCount };
    enum class Page { Message, Text, Image, Safetensors, Binary };
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit DiffDialog(const QString &repoPath, QWidget *parent = nullptr);
    ~DiffDialog() override;

    /** Compares `oldRevision` ("" = the empty tree) with `newRevision`; selects `path` if given. */
    void compare(const QString &oldRevision, const QString &newRevision, const QString &path = {});
    /** Compares `newRevision` with its first parent (the empty tree for a root commit). */
    void compareWithParent(const QString &newRevision, const QString &path = {});
    /** Without a path to select, the first file whose name asks for `kind` is selected. */
    void setPreferredKind(std::optional<DiffViewKind> kind) { m_preferredKind = kind; }

    /** Selects `path` in the file list (and starts comparing it); false when it is not listed. */
    bool selectPath(const QString &path);
    QString currentPath() const;
    bool isBusy() const { return m_listing || m_loadingFile; }
    const DiffComparison &comparison() const { return m_comparison; }
    const std::optional<FileDiff> &currentDiff() const { return m_current; }
    Page currentPage() const;

    QTreeView *fileView() const { return m_files; }
    QStandardItemModel *fileModel() const { return m_model; }
    QLabel *headerLabel() const { return m_header; }
    QLabel *messageLabel() const { return m_message; }
    /** The selected file: path, change and sizes. */
    QLabel *fileLabel() const { return m_fileLabel; }
    DiffTextView *textView() const { return m_text; }
    DiffImageView *imageView() const { return m_image; }
    DiffSafetensorsView *safetensorsView() const { return m_tensors; }
    BinaryDiffView *binaryView() const { return m_binary; }

Q_SIGNALS:
    /** The list of differing files arrived (or failed: then `error` is set). */
    void comparisonLoaded(const QString &error);
    /** The selected file's comparison arrived (or failed: then `error` is set). */
    void fileLoaded(const QString &path, const QString &error);

private:
    void start(const DiffRequest &request, const QString &path);
    void onListed(const background::Outcome<DiffComparison> &outcome);
    void fillFileList();
    void selectInitialFile();
    void onCurrentFileChanged();
    void loadFile(const DiffFileEntry &entry);
    void onFileLoaded(quint64 generation, const background::Outcome<FileDiff> &outcome);
    void showMessage(const QString &text);
    void setPage(Page page);
    void updateBusy();

    QString m_repoPath;
    DiffComparison m_comparison;
    std::optional<FileDiff> m_current;
    std::optional<DiffViewKind> m_preferredKind;
    QString m_wantedPath;
    bool m_listing = false;
    bool m_loadingFile = false;
    quint64 m_generation = 0;
    CancelToken m_cancel;

    QLabel *m_header;
    QProgressBar *m_busy;
    QTreeView *m_files;
    QStandardItemModel *m_model;
    QStackedWidget *m_pages;
    QLabel *m_fileLabel;
    QLabel *m_message;
    DiffTextView *m_text;
    DiffImageView *m_image;
    DiffSafetensorsView *m_tensors;
    BinaryDiffView *m_binary;
};

} // namespace hubvault::app
