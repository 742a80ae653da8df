#include "PackWriter.h"

#include <hubvault/Errors.h>
#include "Env.h"

namespace hubvault {

const QByteArray PackWriter::kMagic("hubvault-pack/v1\n");

PackWriter::PackWriter(const Env &env, QString path) : m_env(env), m_path(std::move(path))
{
    m_file = m_env.createFile(m_path);
    append(kMagic);
}

qint64 PackWriter::append(QByteArrayView chunk)
{
    const qint64 offset = m_size;
    if (m_file->write(chunk.data(), chunk.size()) != chunk.size())
        throw HubVaultError(QStringLiteral("cannot write pack %1: %2; free some disk space and retry")
                                .arg(m_path, m_file->errorString()));
    m_size += chunk.size();
    constexpr qint64 kWritebackStep = 8 << 20;
    if (m_size - m_writebackFrom >= kWritebackStep) {
        m_env.startWriteback(*m_file, m_writebackFrom, m_size - m_writebackFrom);
        m_writebackFrom = m_size;
    }
    if (m_grown) {
        if (!m_file->flush())
            throw HubVaultError(QStringLiteral("cannot write pack %1: %2; free some disk space and retry").arg(m_path, m_file->errorString()));
        m_grown(m_size);
    }
    return offset;
}

void PackWriter::finish()
{
    m_env.syncFile(*m_file);
    m_file->close();
}

} // namespace hubvault
