// A remote file read through range requests (see RemoteFile.h).
#include "RemoteFile.h"

#include <hubvault/Errors.h>

#include <cstring>

namespace hubvault::remote {

RemoteFile::RemoteFile(std::shared_ptr<const HttpSession> session, QString path, QString commitOid, qint64 size)
    : m_session(std::move(session)), m_path(std::move(path)), m_commitOid(std::move(commitOid)), m_size(size)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void RemoteFile::fill(qint64 position)
{
    const qint64 blockStart = position - position % kBlockSize;
    // A reader that goes on where the window ended reads on: fetch the next block too, in
    // the same request, so a sequential read makes half as many round trips.
    const bool readingOn = !m_window.isEmpty() && blockStart == m_windowStart + m_window.size();
    const qint64 length = qMin(readingOn ? 2 * kBlockSize : kBlockSize, m_size - blockStart);
    HttpRequest request;
    request.path = QStringLiteral("/content/blob/%1/range").arg(HttpSession::encodePath(m_path));
    request.query = {{QStringLiteral("start"), QString::number(blockStart)},
                     {QStringLiteral("length"), QString::number(length)},
                     {QStringLiteral("revision"), m_commitOid}};
    request.idempotent = true;
    QByteArray bytes = m_session->send(request).body;
    if (bytes.size() != length)
        throw HubVaultRemoteProtocolError(QStringLiteral("Remote range of %1 has %2 bytes instead of %3.")
                                              .arg(m_path)
                                              .arg(bytes.size())
                                              .arg(length));
    m_windowStart = blockStart;
    m_window = std::move(bytes);
}

qint64 RemoteFile::readData(char *data, qint64 maxSize)
{
    const qint64 position = pos();
    if (position >= m_size || maxSize <= 0)
        return 0;
    try {
        if (position < m_windowStart || position >= m_windowStart + m_window.size())
            fill(position);
    } catch (const HubVaultError &e) {
        setErrorString(e.message());
        return -1;
    }
    const qint64 offset = position - m_windowStart;
    const qint64 count = qMin(maxSize, qint64(m_window.size()) - offset);
    std::memcpy(data, m_window.constData() + offset, size_t(count));
    return count;
}

} // namespace hubvault::remote
