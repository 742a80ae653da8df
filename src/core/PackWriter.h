#pragma once
// Writes one pack file (docs/format.md §5.5): the 17-byte magic `hubvault-pack/v1\n`, then
// chunk bytes back to back, no headers or padding; fsynced before it is published.

#include <QByteArrayView>
#include <QFile>
#include <QString>
#include <functional>
#include <memory>

namespace hubvault {

class Env;

class PackWriter {
public:
    static const QByteArray kMagic;

    PackWriter(const Env &env, QString path);
    /** Appends a chunk and returns its absolute offset in the pack. */
    qint64 append(QByteArrayView chunk);
    /** Called after each append with the size written through to the kernel (a follower reads it). */
    void onGrowth(std::function<void(qint64)> observer) { m_grown = std::move(observer); }
    /** Flushes and fsyncs; the file is complete and immutable afterwards. */
    void finish();
    const QString &path() const { return m_path; }
    qint64 size() const { return m_size; }

private:
    const Env &m_env;
    QString m_path;
    std::unique_ptr<QFile> m_file;
    qint64 m_size = 0;
    qint64 m_writebackFrom = 0;
    std::function<void(qint64)> m_grown;
};

} // namespace hubvault
