#include "Output.h"

#include "Errors.h"

#include <QByteArray>
#include <cstdio>
#include <new>
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

namespace {
// The one progress line currently on screen; results printed on stdout must not end up
// on the same terminal line, so the line is erased before any of them.
ProgressLine *g_activeProgress = nullptr;
} // namespace

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

} // namespace out

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
        out::errorLine(prefix + e.kind() + QStringLiteral(": ") + out::singleLine(e.message()));
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

ProgressLine::ProgressLine(CancelToken cancel) : m_enabled(::isatty(STDERR_FILENO) == 1)
{
    m_task.cancel = std::move(cancel);
    if (m_enabled) {
        m_task.progress = [this](qint64 done, qint64 total, const QString &phase) { draw(done, total, phase); };
        g_activeProgress = this;
    }
}

ProgressLine::~ProgressLine()
{
    if (g_activeProgress == this)
        g_activeProgress = nullptr;
    clear();
}

void ProgressLine::draw(qint64 done, qint64 total, const QString &phase)
{
    const QMutexLocker lock(&m_mutex);
    QString text = phase.isEmpty() ? QStringLiteral("working") : phase;
    if (total > 0)
        text += QStringLiteral(": %1%").arg(qBound(qint64(0), done * 100 / total, qint64(100)));
    else if (done > 0)
        text += QStringLiteral(": %1").arg(done);
    // At most ten redraws a second: nested phases (file read inside snapshot) would
    // otherwise flicker between each other on every chunk.
    if (m_drawn && (text == m_lastText || m_sinceDraw.elapsed() < 100))
        return;
    m_sinceDraw.start();
    m_lastText = text;
    // \r + erase-to-end-of-line rewrites the line in place instead of scrolling.
    const QByteArray bytes = "\r\x1b[K" + text.left(200).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressLine::clear()
{
    const QMutexLocker lock(&m_mutex);
    if (!m_drawn)
        return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
}

} // namespace hubvault::cli
