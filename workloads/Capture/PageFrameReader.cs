using System.Globalization;
using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Capture;

/// <summary>
/// Reads what the kernel exports about a process's pages (Documentation/admin-guide/mm/pagemap.rst):
/// <c>/proc/PID/pagemap</c> gives each virtual page's PFN, <c>/proc/kpageflags</c> each PFN's flags, from which the
/// folio is found: its head is the nearest aligned COMPOUND_HEAD, its size the first power of two past the tails.
/// Both files need CAP_SYS_ADMIN for PFNs; without it PFNs read as 0, which is reported, never written to a trace.
/// </summary>
public static class PageFrameReader
{
    // pagemap entry bits (fs/proc/task_mmu.c, pagemap_pmd_range)
    const ulong PresentBit = 1UL << 63;
    const ulong SwappedBit = 1UL << 62;
    const ulong PfnMask = (1UL << 55) - 1;

    // include/uapi/linux/kernel-page-flags.h
    const int KpfCompoundHead = 15, KpfCompoundTail = 16;

    /// <summary>Why the kernel hides PFNs, and what to do: root is told what else it lacks, not to use sudo.</summary>
    static string NeedRoot => Environment.IsPrivilegedProcess
        ? "reading physical frame numbers needs CAP_SYS_ADMIN, and another process's pagemap ptrace access; this root process lacks one of them (a container or a restricted root?)"
        : "reading physical frame numbers needs root (CAP_SYS_ADMIN); run capture with sudo";

    /// <summary>The extents backing virtual pages [<paramref name="firstPage"/>, +<paramref name="pages"/>) of <paramref name="pid"/>.</summary>
    public static List<Extent> Read(string pid, ulong firstPage, ulong pages)
    {
        // pagemap reads an address with no mapping as "not present", like a page never touched: tell them apart first.
        if (FirstUnmapped(pid, firstPage, pages) is { } hole)
            throw new InputException($"0x{hole * Page.Size:x} is not mapped in process {pid} (no mapping in /proc/{pid}/maps covers it): "
                                     + "--range must lie within the process's mappings");
        ulong[] entries = ReadWords($"/proc/{pid}/pagemap", firstPage, pages);
        ulong untouched = 0, swapped = 0, zero = 0;
        foreach (ulong entry in entries)
        {
            if ((entry & SwappedBit) != 0)
                swapped++;
            else if ((entry & PresentBit) == 0)
                untouched++;
            else if ((entry & PfnMask) == 0)
                zero++;
        }
        if (zero > 0)
            throw new InputException($"PFNs read as 0: {NeedRoot}");
        if (untouched + swapped > 0)
            throw new InputException($"{untouched + swapped} of {pages} pages in the range have no page frame ({untouched} never touched, "
                                     + $"{swapped} swapped out); GUP would fault them in but a trace cannot: touch the memory and capture again");

        using var flags = new KPageFlags();
        var extents = new List<Extent>();
        ulong folioHead = 0, folioEnd = 0;
        int folioOrder = 0;
        foreach (ulong entry in entries)
        {
            ulong pfn = entry & PfnMask;
            if (pfn < folioHead || pfn >= folioEnd)
                (folioHead, folioOrder) = flags.FolioOf(pfn);
            folioEnd = folioHead + (1UL << folioOrder);
            if (extents.Count > 0 && extents[^1] is var last && last.EndPfn == pfn && last.FolioOrder == folioOrder)
                extents[^1] = last with { Pages = last.Pages + 1 };
            else
                extents.Add(new Extent(pfn, 1, folioOrder));
        }
        return extents;
    }

    /// <summary>The first virtual page of the range no mapping of <paramref name="pid"/> covers, or null when all are mapped.</summary>
    static ulong? FirstUnmapped(string pid, ulong firstPage, ulong pages)
    {
        string path = $"/proc/{pid}/maps";
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"/proc/{pid}: no such process");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: permission denied; {NeedRoot}");
        }
        // Each line begins "start-end " in hex (fs/proc/task_mmu.c, show_map_vma); the lines are in address order.
        ulong next = firstPage, end = firstPage + pages;
        foreach (string line in lines)
        {
            int dash = line.IndexOf('-'), space = line.IndexOf(' ');
            if (dash <= 0 || space <= dash
                || !ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong start)
                || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong stop))
                continue;
            if (start / Page.Size > next)
                return next;
            if (stop / Page.Size > next)
                next = stop / Page.Size;
            if (next >= end)
                return null;
        }
        return next < end ? next : null;
    }

    static ulong[] ReadWords(string path, ulong firstIndex, ulong count)
    {
        var words = new ulong[count];
        try
        {
            using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            Span<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan());
            long position = (long)(firstIndex * 8);
            while (bytes.Length > 0)
            {
                int n = RandomAccess.Read(file.SafeFileHandle, bytes, position);
                if (n <= 0)
                    throw new InputException($"{path}: short read at byte {position}: the range is not mapped");
                bytes = bytes[n..];
                position += n;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: no such process");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: permission denied; {NeedRoot}");
        }
        return words;
    }

    /// <summary>/proc/kpageflags, one 8-byte flag word per PFN.</summary>
    sealed class KPageFlags : IDisposable
    {
        const string Path = "/proc/kpageflags";
        readonly FileStream _file;

        public KPageFlags()
        {
            try
            {
                _file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            }
            catch (UnauthorizedAccessException)
            {
                throw new InputException($"{Path}: permission denied; reading page flags needs root (CAP_SYS_ADMIN)");
            }
        }

        ulong FlagsOf(ulong pfn)
        {
            Span<byte> word = stackalloc byte[8];
            if (RandomAccess.Read(_file.SafeFileHandle, word, (long)(pfn * 8)) != 8)
                throw new InputException($"{Path}: no flags for PFN 0x{pfn:x}");
            return BitConverter.ToUInt64(word);
        }

        bool IsTail(ulong pfn) => (FlagsOf(pfn) >> KpfCompoundTail & 1) != 0;

        /// <summary>Head PFN and order of the folio holding <paramref name="pfn"/>; folios are naturally aligned powers of two.</summary>
        public (ulong Head, int Order) FolioOf(ulong pfn)
        {
            ulong f = FlagsOf(pfn);
            bool head = (f >> KpfCompoundHead & 1) != 0, tail = (f >> KpfCompoundTail & 1) != 0;
            if (!head && !tail)
                return (pfn, 0);
            ulong headPfn = pfn;
            if (tail)
            {
                int k = 1;
                for (; k <= PinnedPage.MaxFolioOrder; k++)
                {
                    headPfn = pfn & ~((1UL << k) - 1);
                    if ((FlagsOf(headPfn) >> KpfCompoundHead & 1) != 0)
                        break;
                }
                if (k > PinnedPage.MaxFolioOrder)
                    return (pfn, 0);   // a tail whose head is out of reach: a page changing under us; count it as a base page
            }
            int order = 1;
            while (order < PinnedPage.MaxFolioOrder && IsTail(headPfn + (1UL << order)))
                order++;
            return (headPfn, order);
        }

        public void Dispose() => _file.Dispose();
    }
}
