#include "ObjectCodec.h"

#include "CanonicalJson.h"
#include "Hash.h"

#include <QJsonArray>
#include <QTimeZone>
#include <algorithm>

namespace hubvault {

QString ObjectCodec::objectId(ObjectType type, const QByteArray &payloadCjson)
{
    // Keys of the container sort as format_version, object_type, payload, payload_sha256,
    // so its canonical form can be assembled around the payload bytes without re-parsing.
    QByteArray container;
    container.reserve(payloadCjson.size() + 160);
    container += "{\"format_version\":1,\"object_type\":\"";
    container += objectTypeName(type).toLatin1();
    container += "\",\"payload\":";
    container += payloadCjson;
    container += ",\"payload_sha256\":\"sha256:";
    container += Hash::sha256Hex(payloadCjson);
    container += "\"}";
    return Hash::prefixedSha256(container);
}

QByteArray ObjectCodec::gitBlobHeader(qint64 size)
{
    QByteArray header = "blob " + QByteArray::number(size);
    header += '\0';
    return header;
}

QString ObjectCodec::gitBlobOid(QByteArrayView content)
{
    Hash h(Hash::Algorithm::Sha1);
    h.add(gitBlobHeader(content.size()));
    h.add(content);
    return QString::fromLatin1(h.hexResult());
}

QString ObjectCodec::gitTreeOid(QList<GitTreeEntry> entries)
{
    auto sortKey = [](const GitTreeEntry &e) {
        QByteArray key = e.name.toUtf8();
        if (e.isTree)
            key += '/';
        return key;
    };
    std::sort(entries.begin(), entries.end(),
              [&](const GitTreeEntry &a, const GitTreeEntry &b) { return sortKey(a) < sortKey(b); });
    QByteArray body;
    for (const GitTreeEntry &e : entries) {
        body += e.isTree ? "40000 " : "100644 ";
        body += e.name.toUtf8();
        body += '\0';
        body += QByteArray::fromHex(e.gitOid.toLatin1());
    }
    Hash h(Hash::Algorithm::Sha1);
    QByteArray header = "tree " + QByteArray::number(body.size());
    header += '\0';
    h.add(header);
    h.add(body);
    return QString::fromLatin1(h.hexResult());
}

QString ObjectCodec::gitCommitOid(const QString &treeGitOid, const QStringList &parentGitOids,
                                  const QDateTime &createdAt, const QString &message)
{
    const QByteArray epoch = QByteArray::number(createdAt.toSecsSinceEpoch());
    QByteArray body = "tree " + treeGitOid.toLatin1() + '\n';
    for (const QString &parent : parentGitOids)
        body += "parent " + parent.toLatin1() + '\n';
    body += "author HubVault <hubvault@local> " + epoch + " +0000\n";
    body += "committer HubVault <hubvault@local> " + epoch + " +0000\n\n";
    body += message.toUtf8();
    if (!body.endsWith('\n'))
        body += '\n';
    Hash h(Hash::Algorithm::Sha1);
    QByteArray header = "commit " + QByteArray::number(body.size());
    header += '\0';
    h.add(header);
    h.add(body);
    return QString::fromLatin1(h.hexResult());
}

QByteArray ObjectCodec::lfsPointer(const QString &sha256Hex, qint64 size)
{
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256Hex.toLatin1() + "\nsize "
        + QByteArray::number(size) + '\n';
}

QString ObjectCodec::reflogChecksum(const QString &oldHead, const QString &newHead, const QString &message)
{
    QJsonArray triple;
    triple.append(oldHead.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(oldHead));
    triple.append(newHead.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(newHead));
    triple.append(message);
    return Hash::prefixedSha256(CanonicalJson::serialize(triple));
}

QPair<QString, QString> ObjectCodec::splitMessage(const QString &message)
{
    // Python str.splitlines() boundaries; "\r\n" counts as one break.
    auto isBreak = [](QChar c) {
        switch (c.unicode()) {
        case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x1C: case 0x1D: case 0x1E:
        case 0x85: case 0x2028: case 0x2029:
            return true;
        default:
            return false;
        }
    };
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < message.size(); ++i) {
        if (!isBreak(message.at(i)))
            continue;
        lines.append(message.mid(start, i - start));
        if (message.at(i) == QLatin1Char('\r') && i + 1 < message.size() && message.at(i + 1) == QLatin1Char('\n'))
            ++i;
        start = i + 1;
    }
    if (start < message.size())
        lines.append(message.mid(start));
    if (lines.isEmpty())
        return {QString(), QString()};
    const QString title = lines.takeFirst();
    QString description = lines.join(QLatin1Char('\n'));
    qsizetype lead = 0;
    while (lead < description.size() && description.at(lead) == QLatin1Char('\n'))
        ++lead;
    return {title, description.mid(lead)};
}

QDateTime ObjectCodec::parseTimestamp(const QString &text)
{
    // Stored times always carry "Z"; ISO parsing keeps them in UTC without consulting
    // the local zone (whose DST gaps could otherwise reject valid instants).
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODate);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

QString ObjectCodec::formatTimestamp(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

} // namespace hubvault
