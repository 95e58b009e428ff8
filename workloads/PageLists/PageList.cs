using BenchSuite.Encodings;
using BenchSuite.Workloads.Memory;

namespace BenchSuite.Workloads.PageLists;

/// <summary>
/// What GUP produces for one buffer, described rather than stored: the first byte's offset in the first page,
/// the total length, the P2P BARs the pages may come from, and a restartable stream of extents in virtual order.
/// A 1 TiB list costs nothing until it is walked; <see cref="Batches"/> walks it in GUP batches and
/// <see cref="Materialise"/> stores it for benchmarks.
/// </summary>
public sealed class PageList
{
    readonly Func<IEnumerable<Extent>> _extents;

    /// <param name="extents">
    /// Extents in virtual-address order. The stream may run past the buffer (a generator emits whole folios);
    /// the page list takes exactly <see cref="Pages"/> pages from it and fails if it runs short.
    /// </param>
    public PageList(string name, uint firstOffset, ulong lengthBytes, IReadOnlyList<BarWindow> bars, Func<IEnumerable<Extent>> extents)
    {
        if (firstOffset >= Page.Size) throw new ArgumentOutOfRangeException(nameof(firstOffset), firstOffset, "first offset must be below 4096");
        if (lengthBytes == 0) throw new ArgumentOutOfRangeException(nameof(lengthBytes), "a page list holds at least one byte");
        Name = name;
        FirstOffset = firstOffset;
        LengthBytes = lengthBytes;
        Bars = bars;
        Windows = bars.Count == 0 ? P2PWindows.None : new P2PWindows(bars.Select(b => new P2PWindows.Window(b.FirstPfn, b.Pages, b.Provider)));
        _extents = extents;
    }

    /// <summary>Scenario name, or <c>trace:FILE</c>.</summary>
    public string Name { get; }
    public uint FirstOffset { get; }
    public ulong LengthBytes { get; }
    public IReadOnlyList<BarWindow> Bars { get; }
    public P2PWindows Windows { get; }

    /// <summary>Pages GUP pins for this buffer.</summary>
    public ulong Pages => Page.PagesSpanned(FirstOffset, LengthBytes);

    public BuildParameters Parameters(ulong maxSegment = BuildParameters.UnlimitedMaxSegment) =>
        new(FirstOffset, LengthBytes, maxSegment, Windows);

    /// <summary>The raw extent stream (may run past <see cref="Pages"/>).</summary>
    public IEnumerable<Extent> Extents() => _extents();

    /// <summary>The extents cut to exactly <see cref="Pages"/> pages: what GUP pins, extent by extent.</summary>
    public IEnumerable<Extent> PinnedExtents()
    {
        ulong left = Pages;
        foreach (Extent e in Extents())
        {
            if (left == 0)
                yield break;
            Extent taken = e with { Pages = Math.Min(e.Pages, left) };
            left -= taken.Pages;
            yield return taken;
        }
        if (left > 0)
            throw new InvalidOperationException($"{Name}: the extent stream ended {left} pages short of {Pages}");
    }

    /// <summary>The pages in GUP batches of <paramref name="batchPages"/>, streamed.</summary>
    public PageBatcher Batches(int batchPages = RangeListBuilder.GupBatchPages) => new(this, batchPages);

    /// <summary>Every page in one array, for benchmarks that build the same list many times.</summary>
    public PinnedPage[] Materialise()
    {
        if (Pages > (ulong)Array.MaxLength)
            throw new InputException($"{Name}: {Pages} pages are too many to hold in memory; use a smaller size");
        var pages = new PinnedPage[Pages];
        using PageBatcher batches = Batches();
        int done = 0;
        while (batches.Next(out ReadOnlySpan<PinnedPage> batch, out _))
        {
            batch.CopyTo(pages.AsSpan(done));
            done += batch.Length;
        }
        return pages;
    }

    public override string ToString() => $"{Name} ({LengthBytes} bytes, {Pages} pages, offset {FirstOffset})";
}
