using System.Globalization;
using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Traces;

/// <summary>
/// The page trace text format (DESIGN.md §5), one place for both directions:
/// <code>
/// # pagetrace v1                 first line, required
/// # page_size 4096               optional; only 4096 is accepted
/// # offset 512                   optional: first byte's offset inside the first page (default 0)
/// # length 1048576               optional: total bytes (default pages*4096 - offset)
/// # any other line starting with # is a comment
/// 0x1a2b3 16 4                   pfn, npages &gt;= 1, [folio order 0..18, default 0], [kind: ram | p2p:N, default ram]
/// </code>
/// </summary>
public static class PageTraceFormat
{
    public const string Magic = "# pagetrace v1";
    public const string Extension = ".trace";

    /// <summary>
    /// The physical address width the suite models: x86-64's largest (MAXPHYADDR 52). Every byte of a trace lies below
    /// 2^52, so PFNs below 2^40 and no range's end wraps a 64-bit address anywhere downstream (DMA walks, IOVA).
    /// </summary>
    public const int PhysicalAddressBits = 52;

    public const ulong MaxPfnExclusive = 1UL << (PhysicalAddressBits - Page.Shift);

    /// <summary>A header line's key and value, or null when the line is a plain comment.</summary>
    internal static (string Key, string Value)? ParseHeader(string line)
    {
        string[] words = line.TrimStart('#').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] is not ("page_size" or "offset" or "length"))
            return null;
        return (words[0], words.Length == 2 ? words[1] : string.Join(' ', words.Skip(1)));
    }

    /// <summary>Parses one page line; the problem, or null when the line is well formed.</summary>
    internal static string? TryParseExtent(string line, out Extent extent)
    {
        extent = default;
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 2 or > 4)
            return $"expected 'pfn npages [order] [kind]', found {fields.Length} field{(fields.Length == 1 ? "" : "s")}";
        if (!TryParseNumber(fields[0], out ulong pfn))
            return $"pfn {Quote(fields[0])} is not a number (hex with 0x, or decimal)";
        if (!TryParseNumber(fields[1], out ulong pages))
            return $"npages {Quote(fields[1])} is not a number";
        if (pages == 0)
            return "npages is 0; every line describes at least one page";
        if (pfn >= MaxPfnExclusive || pages > MaxPfnExclusive - pfn)
            return $"pages 0x{pfn:x}+{pages} run past the {PhysicalAddressBits}-bit physical address space (PFNs below 0x{MaxPfnExclusive:x})";
        int order = 0;
        if (fields.Length > 2)
        {
            if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out order))
                return $"folio order {Quote(fields[2])} is not a number";
            if (order > PinnedPage.MaxFolioOrder)
                return $"folio order {order} is above {PinnedPage.MaxFolioOrder} (1 GiB, the largest folio)";
        }
        int provider = 0;
        if (fields.Length > 3)
        {
            string kind = fields[3];
            if (kind == "ram")
                provider = 0;
            else if (!kind.StartsWith("p2p:", StringComparison.Ordinal))
                return $"unknown kind {Quote(kind)}; expected ram or p2p:N";
            else if (!int.TryParse(kind.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out provider)
                     || provider is < 1 or > PinnedPage.MaxProvider)
                return $"p2p provider {Quote(kind[4..])} must be a number from 1 to {PinnedPage.MaxProvider}";
        }
        extent = new Extent(pfn, pages, order, provider);
        return null;
    }

    /// <summary>
    /// A token of a trace as an error message quotes it: at most 40 characters, control characters (an escape
    /// sequence a terminal would obey) as '?', in quotes. A message about a bad line never carries the line whole.
    /// </summary>
    public static string Quote(string token)
    {
        const int MaxChars = 40;
        string shown = token.Length <= MaxChars ? token : token[..MaxChars] + "...";
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c)) + "'";
    }

    /// <summary>A number as traces and address ranges write it: hex with 0x, or decimal.</summary>
    public static bool TryParseNumber(string text, out ulong value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    internal static string FormatExtent(Extent e) =>
        $"0x{e.Pfn:x} {e.Pages} {e.FolioOrder}" + (e.Provider == 0 ? "" : $" p2p:{e.Provider}");
}
