using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Capture;

/// <summary>A captured buffer: where the data starts in its first page, how long it is, and its extents.</summary>
public sealed record CapturedLayout(uint FirstOffset, ulong LengthBytes, IReadOnlyList<Extent> Extents, string Description)
{
    public ulong Pages => Extents.Aggregate(0UL, (n, e) => n + e.Pages);
}

/// <summary>Captures real physical layouts: a buffer this process maps and touches, or a range of another process.</summary>
public static class MemoryCapture
{
    /// <summary>
    /// Maps <paramref name="bytes"/> of anonymous memory (advised for THP or against it), touches every page and reads
    /// its PFNs. With <paramref name="churnBytes"/>, first fills that much memory and frees a random half of it, so the buffer is
    /// served from fragmented free lists, as on a machine that has been running for a while.
    /// </summary>
    public static CapturedLayout CaptureSelf(ulong bytes, bool hugePages, ulong churnBytes = 0)
    {
        if (bytes == 0 || bytes % Page.Size != 0)
            throw new InputException($"capture: --size must be a positive multiple of {Page.Size} bytes");
        using AnonymousBuffer? churn = churnBytes > 0 ? new AnonymousBuffer(churnBytes, hugePages: false) : null;
        if (churn is not null)
        {
            churn.Touch();
            churn.ReleaseRandomHalf(seed: 1);
        }
        using var buffer = new AnonymousBuffer(bytes, hugePages);
        buffer.Touch();
        List<Extent> extents = PageFrameReader.Read("self", buffer.Address / Page.Size, bytes / Page.Size);
        string how = (hugePages ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE") + (churnBytes > 0 ? $", after churning {churnBytes} bytes" : ", fresh");
        return new CapturedLayout(0, bytes, extents, $"anonymous {bytes} bytes, {how}");
    }

    /// <summary>Reads virtual range [<paramref name="start"/>, <paramref name="end"/>) of process <paramref name="pid"/>.</summary>
    public static CapturedLayout CaptureProcess(int pid, ulong start, ulong end)
    {
        if (end <= start)
            throw new InputException($"capture: --range end 0x{end:x} must be above start 0x{start:x}");
        ulong firstPage = start / Page.Size;
        ulong pages = (end + Page.OffsetMask) / Page.Size - firstPage;
        List<Extent> extents = PageFrameReader.Read(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), firstPage, pages);
        return new CapturedLayout((uint)(start & Page.OffsetMask), end - start, extents, $"pid {pid} range 0x{start:x}-0x{end:x}");
    }
}
