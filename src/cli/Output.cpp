#include "Output.h"

#include <hubvault/Errors.h>

#include <QByteArray>
#include <QJsonDocument>
#include <QLocale>
#include <cstdio>
#include <new>
#include <sys/ioctl.h>
#include <unistd.h>

namespace hubvault::cli {

namespace out {

namespace {
void write(FILE *stream, const QString &text, bool newline)
{
    QByteArray bytes = text.toUtf8();
    if (newline)
        bytes.append('\n');
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}
} // namespace

} // namespace out

// The one progress line currently on screen; results printed on stdout must not end up
// on the same terminal line, so the line is erased before any of them.
static ProgressLine *g_activeProgress = nullptr;

namespace out {

void text(const QString &text)
{
    if (g_activeProgress)
        g_activeProgress->clear();
    write(stdout, text, false);
}

void line(const QString &text)
{
    if (g_activeProgress)
        g_activeProgress->clear();
    write(stdout, text, true);
}

void errorLine(const QString &text)
{
    // stdout first, so a result printed before the failure is not reordered after it
    // when both streams go to the same terminal or file.
    std::fflush(stdout);
    write(stderr, text, true);
    std::fflush(stderr);
}

QString singleLine(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String(" "));
    for (QChar &c : text)
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QChar(0x2028) || c == QChar(0x2029))
            c = QLatin1Char(' ');
    return text.trimmed();
}

bool flush() { return std::fflush(stdout) == 0 && !std::ferror(stdout); }

void json(const QJsonObject &object) { text(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented))); }

} // namespace out

QString shortOid(const QString &oid)
{
    if (oid.isEmpty())
        return QStringLiteral("0000000");
    return oid.section(QLatin1Char(':'), -1).left(7);
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return QLocale::c().toString(value, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

namespace {

/** What to do about an error of `kind`, appended when the message does not say it already. */
QString hintFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::RepositoryNotFound:
        return QStringLiteral("create one with 'hubvault init PATH' or name an existing one with -C PATH");
    case ErrorKind::RevisionNotFound:
        return QStringLiteral("list branches with 'hubvault branch' and tags with 'hubvault tag'");
    case ErrorKind::EntryNotFound:
        return QStringLiteral("list the files of a revision with 'hubvault ls-tree -r [REVISION]'");
    case ErrorKind::UnsupportedPath:
        return QStringLiteral("use a relative path with '/' separators and no empty, '.' or '..' segments");
    case ErrorKind::Integrity:
        return QStringLiteral("run 'hubvault verify --full' to see what is damaged");
    case ErrorKind::RefAlreadyExists:
        return QStringLiteral("choose another name, or delete the existing one first");
    case ErrorKind::Authentication:
        return QStringLiteral("pass a token the server accepts with --token or HUBVAULT_TOKEN");
    case ErrorKind::RemoteTransport:
        return QStringLiteral("check the server URL given with -C and that 'hubvault serve' runs there");
    default:
        return {};
    }
}

QString withHint(ErrorKind kind, const QString &message)
{
    const QString hint = hintFor(kind);
    if (hint.isEmpty() || message.contains(QLatin1Char(';')))
        return message;
    return message + QStringLiteral("; ") + hint;
}

} // namespace

int runReportingErrors(const QString &helpCommand, const std::function<int()> &body)
{
    const QString prefix = QStringLiteral("hubvault: ");
    try {
        const int code = body();
        if (!out::flush()) {
            out::errorLine(prefix + QStringLiteral("error writing to standard output"));
            return ExitFailure;
        }
        return code;
    } catch (const UsageError &e) {
        out::errorLine(prefix + out::singleLine(e.message()));
        out::errorLine(QStringLiteral("Try '%1 --help'.").arg(helpCommand));
        return ExitUsage;
    } catch (const CancelledError &e) {
        out::errorLine(prefix + e.kind() + QStringLiteral(": ") + out::singleLine(e.message()));
        return ExitInterrupted;
    } catch (const HubVaultError &e) {
        out::errorLine(prefix + e.kind() + QStringLiteral(": ") + out::singleLine(withHint(e.errorKind(), e.message())));
        return ExitFailure;
    } catch (const std::bad_alloc &) {
        out::errorLine(prefix + QStringLiteral("out of memory"));
        return ExitFailure;
    } catch (const std::exception &e) {
        out::errorLine(prefix + QStringLiteral("unexpected error: ")
                       + out::singleLine(QString::fromUtf8(e.what())));
        return ExitFailure;
    } catch (...) {
        out::errorLine(prefix + QStringLiteral("unexpected error"));
        return ExitFailure;
    }
}

namespace {

enum class ProgressMode { Auto, Always, Never };

ProgressMode progressMode()
{
    const QByteArray value = qgetenv("HUBVAULT_PROGRESS").trimmed().toLower();
    if (value == "always" || value == "1")
        return ProgressMode::Always;
    if (value == "never" || value == "0")
        return ProgressMode::Never;
    return ProgressMode::Auto;
}

/** Phases whose counts are bytes; the others ("repack") count items. */
bool isBytePhase(const QString &phase)
{
    return phase == QLatin1String("read") || phase == QLatin1String("upload") || phase == QLatin1String("snapshot")
        || phase == QLatin1String("verify") || phase == QLatin1String("export");
}

QString phaseLabel(const QString &phase)
{
    if (phase == QLatin1String("read"))
        return QStringLiteral("Reading");
    if (phase == QLatin1String("upload"))
        return QStringLiteral("Uploading");
    if (phase == QLatin1String("snapshot"))
        return QStringLiteral("Writing snapshot");
    if (phase == QLatin1String("verify"))
        return QStringLiteral("Verifying");
    if (phase == QLatin1String("repack"))
        return QStringLiteral("Repacking");
    if (phase == QLatin1String("export"))
        return QStringLiteral("Exporting");
    if (phase.isEmpty())
        return QStringLiteral("Working");
    QString label = phase;
    label[0] = label[0].toUpper();
    return label;
}

QString duration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

int terminalWidth()
{
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    return ok && columns > 0 ? columns : 80;
}

} // namespace

ProgressLine::ProgressLine(CancelToken cancel, bool quiet)
{
    m_task.cancel = std::move(cancel);
    const ProgressMode mode = progressMode();
    m_enabled = !quiet && mode != ProgressMode::Never
        && (mode == ProgressMode::Always || (::isatty(STDERR_FILENO) == 1 && qgetenv("TERM") != "dumb"));
    if (!m_enabled)
        return;
    m_clock.start();
    // In automatic mode quick commands draw nothing: the bar appears after half a second.
    m_delay = mode != ProgressMode::Always;
    m_task.progress = [this](qint64 done, qint64 total, const QString &phase) { report(done, total, phase); };
    g_activeProgress = this;
}

ProgressLine::~ProgressLine()
{
    if (g_activeProgress == this)
        g_activeProgress = nullptr;
    clear();
}

QString ProgressLine::frame(const QString &phase, qint64 done, qint64 total, double bytesPerSecond, int width)
{
    const bool bytes = isBytePhase(phase);
    auto amount = [bytes](qint64 n) { return bytes ? humanSize(n) : QString::number(n); };
    QString left = phaseLabel(phase);
    QString right;
    int percent = -1;
    if (total > 0) {
        done = qBound(qint64(0), done, total);
        percent = int(done * 100 / total);
        left += QStringLiteral(" %1%").arg(percent, 3);
        right = amount(done) + QLatin1Char('/') + amount(total);
    } else if (done > 0) {
        right = amount(done);
    }
    if (bytes && bytesPerSecond > 0 && done > 0) {
        right += QStringLiteral(" %1/s").arg(humanSize(qint64(bytesPerSecond)));
        if (total > 0 && done < total)
            right += QStringLiteral(" ETA %1").arg(duration(qint64((total - done) / bytesPerSecond + 0.999)));
    }
    right = right.trimmed();
    // A fixed layout, so the bar does not jump when the rate appears: the label padded to
    // the longest one, the bar sized from the terminal width only.
    QString text = left.leftJustified(21);
    const int barWidth = qMin(40, width - 1 - 21 - 48);
    if (percent >= 0 && barWidth >= 10) {
        const int filled = barWidth * percent / 100;
        text += QStringLiteral(" [") + QString(filled, QLatin1Char('#')) + QString(barWidth - filled, QLatin1Char('.'))
            + QLatin1Char(']');
    }
    if (!right.isEmpty())
        text += QLatin1Char(' ') + right;
    text = text.trimmed();
    return text.left(qMax(1, width - 1));
}

void ProgressLine::report(qint64 done, qint64 total, const QString &rawPhase)
{
    const QMutexLocker lock(&m_mutex);
    QString phase = rawPhase;
    // Snapshots report whole files ("snapshot") and, inside each file, its bytes ("read"):
    // the two are folded into one bar for the whole snapshot.
    if (phase == QLatin1String("snapshot")) {
        m_outerPhase = phase;
        m_outerDone = done;
        m_outerTotal = total;
    } else if (phase == QLatin1String("read") && !m_outerPhase.isEmpty() && m_outerDone < m_outerTotal) {
        phase = m_outerPhase;
        done = qMin(m_outerTotal, m_outerDone + done);
        total = m_outerTotal;
    }

    const qint64 now = m_clock.elapsed();
    if (phase != m_phase) {
        m_phase = phase;
        m_samples.clear();
    }
    // One sample per 50 ms is plenty for the rate (reports come per block or chunk).
    if (m_samples.isEmpty() || now - m_samples.constLast().ms >= 50)
        m_samples.append({now, done});
    // The rate is measured over the last five seconds so it follows changes in speed.
    while (m_samples.size() > 2 && now - m_samples.at(1).ms > 5000)
        m_samples.removeFirst();
    double rate = 0;
    if (m_samples.size() >= 2) {
        const Sample &first = m_samples.constFirst();
        if (now - first.ms >= 200 && done > first.done)
            rate = double(done - first.done) * 1000.0 / double(now - first.ms);
    }

    if (m_delay && now < 500)
        return;
    // At most ten redraws a second, except when the phase changes.
    if (m_drawn && phase == m_drawnPhase && m_sinceDraw.elapsed() < 100)
        return;
    const QString text = frame(phase, done, total, rate, terminalWidth());
    if (m_drawn && text == m_lastText)
        return;
    m_sinceDraw.start();
    m_lastText = text;
    m_drawnPhase = phase;
    // \r + erase-to-end-of-line rewrites the line in place instead of scrolling.
    const QByteArray bytes = "\r\x1b[K" + text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressLine::clear()
{
    const QMutexLocker lock(&m_mutex);
    clearLocked();
}

void ProgressLine::clearLocked()
{
    if (!m_drawn)
        return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
}

} // namespace hubvault::cli
