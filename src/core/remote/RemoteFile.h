#pragma once
// A file of a remote repository as a read-only random-access QIODevice: reads go through
// the range route (SERVER.md §3 route 8) in blocks, pinned to one commit.

#include "HttpSession.h"

#include <QIODevice>
#include <memory>

namespace hubvault::remote {

class RemoteFile : public QIODevice {
public:
    static constexpr qint64 kBlockSize = 4 << 20;

    /** `commitOid` pins every read to one commit, so a moving branch cannot mix versions. */
    RemoteFile(std::shared_ptr<const HttpSession> session, QString path, QString commitOid, qint64 size);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    /** Makes the window hold `position`; reads one block ahead when the reader moves on. */
    void fill(qint64 position);

    std::shared_ptr<const HttpSession> m_session;
    QString m_path;
    QString m_commitOid;
    qint64 m_size = 0;
    qint64 m_windowStart = 0;
    QByteArray m_window;
};

} // namespace hubvault::remote
