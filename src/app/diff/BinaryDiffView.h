#pragma once
// The page of the diff dialog for any other file: sizes and sha256 of both versions, how
// many stored pieces (chunks, or the whole blob) the new version shares with the old one,
// and a BinaryDiffStrip marking which regions of the new version are new.

#include <QWidget>

class QLabel;

namespace hubvault::app {

class BinaryDiffStrip;
struct FileDiff;

class BinaryDiffView : public QWidget {
    Q_OBJECT
public:
    explicit BinaryDiffView(QWidget *parent = nullptr);

    void setDiff(const FileDiff &diff);
    QLabel *factsLabel() const { return m_facts; }
    QLabel *chunksLabel() const { return m_chunks; }
    QLabel *noteLabel() const { return m_note; }
    BinaryDiffStrip *strip() const { return m_strip; }

private:
    QLabel *m_note;
    QLabel *m_facts;
    QLabel *m_chunks;
    BinaryDiffStrip *m_strip;
    QLabel *m_legend;
};

} // namespace hubvault::app
