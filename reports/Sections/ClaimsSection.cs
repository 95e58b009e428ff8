using BenchSuite.Encodings;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.5: each claim of the kernel discussion (reference/claims.md, C1 to C12) with the figure this batch
/// measured and whether it holds, by the criterion stated beside it. A claim whose inputs the batch did not measure
/// says "not measured" and what would measure it. Verdicts: holds, partly (on some page lists), does not hold.
/// </summary>
public static class ClaimsSection
{
    public const string Holds = "holds", Partly = "partly", DoesNotHold = "does not hold", NotMeasured = "not measured", NotJudged = "not judged",
        DesignProperty = "design property";

    /// <summary>C2 compares the lists a design could keep: every family whose entries merge contiguous pages, not the per-page array.</summary>
    static readonly string[] s_proposals = [.. BenchSuite.Encodings.EncodingRegistry.Families
        .Where(f => f.Default.Traits.HasFlag(BenchSuite.Encodings.RangeListTraits.MergesContiguous)).Select(f => f.Name)];

    /// <summary>One claim's row: what was said, by whom, the criterion applied, the measured figure and the verdict.</summary>
    public sealed record ClaimResult(string Id, string Claim, string Source, string Criterion, string Measured, string Verdict);

    public static Section Build(BatchResults results)
    {
        var claims = Evaluate(results);
        var blocks = new List<Block>
        {
            new Paragraph("Each claim is quoted in substance (reference/claims.md); the figure beside it is measured by this batch, "
                + "and the verdict applies the stated criterion. 'partly' means it holds on some page lists and not others."),
            new Table("Claims", ["id", "verdict", "claim", "measured", "criterion"],
                claims.Select(c => (IReadOnlyList<string>)[c.Id, c.Verdict, $"{c.Claim} ({c.Source})", c.Measured, c.Criterion]).ToList(), TextColumns: [1, 2, 3, 4], StackedHead: 2),
        };
        return new Section("claims", "Claims from the kernel discussion", blocks);
    }

    /// <summary>Every claim; a dry batch gives its figures but judges none (it checks the pipeline on a toy list).</summary>
    public static IReadOnlyList<ClaimResult> Evaluate(BatchResults r)
    {
        ClaimResult[] claims = [C1(r), C2(r), C3(r), C4(r), C5(r), C6(r), C7(r), C8(r), C9(r), C10(r), C11(r), C12(r)];
        return r.Timed ? claims : claims.Select(c => c with { Verdict = NotJudged, Measured = $"dry profile, not judged: {c.Measured}" }).ToList();
    }

    /// <summary>Rows of the batch's density and sweep for one encoding and scenario, at the largest size measured.</summary>
    static DensityRow? Largest(BatchResults r, string encoding, string scenario) =>
        r.Density.Concat(r.Sweep).Where(x => x.Encoding == encoding && x.Scenario == scenario).OrderByDescending(x => x.PinnedBytes).FirstOrDefault();

    static IEnumerable<string> Scenarios(BatchResults r) => r.Density.Select(x => x.Scenario).Distinct();

    static bool IsP2P(string scenario) => scenario.Contains("p2p", StringComparison.Ordinal);

    static string Verdict(int passed, int total) =>
        total == 0 ? NotMeasured : passed == total ? Holds : passed == 0 ? DoesNotHold : Partly;

    static string At(BatchResults r, DensityRow row) => $"{r.ScenarioNames.Short(row.Scenario)} {Cells.Bytes((long)row.PinnedBytes)}";

    static ClaimResult C1(BatchResults r)
    {
        const string claim = "An order-encoded entry covers most common cases in 8 bytes per physical chunk";
        const string criterion = "order8 payload at most 12 B per merged run (then at least half the runs take one word); runs counted as phyr16 entries";
        var figures = new List<string>();
        int passed = 0, total = 0;
        foreach (string scenario in Scenarios(r))
        {
            if (Largest(r, "order8", scenario) is not { Supported: true, PayloadBytes: { } payload } order8
                || Largest(r, "phyr16", scenario) is not { Supported: true, Entries: { } runs } || runs == 0)
                continue;
            double perRun = (double)payload / runs;
            total++;
            passed += perRun <= 12 ? 1 : 0;
            figures.Add($"{At(r, order8)}: {Cells.Number(perRun)} B/run, at least {Math.Max(0, Math.Round(100 * (2 - perRun / 8)))}% in one word");
        }
        return new("C1", claim, "Gunthorpe, Phyr Starter, Jan 2022", criterion, Figures(figures, "needs order8 and phyr16 density rows"), Verdict(passed, total));
    }

    static ClaimResult C2(BatchResults r)
    {
        const string claim = "Storage density matters because such lists are held a long time (RDMA registrations)";
        string criterion = $"the least dense proposal ({string.Join(", ", s_proposals)}; not the per-page baseline) keeps at "
            + "least 1 GiB more per TiB pinned than the densest, on rdma-4k and rdma-thp: the CPU list at the largest swept size (the sweep "
            + "is built in counting mode, not mapped), and the CPU list with the DMA list an MR keeps for its lifetime (the iommu mapper's "
            + "output; biovec keeps none, it maps per request) at the batch's largest size, both as built";
        var figures = new List<string>();
        int passed = 0, total = 0;
        void Judge(string scenario, IReadOnlyList<DensityRow> rows, Func<DensityRow, long> held, string what)
        {
            if (rows.Count == 0)
                return;
            ulong size = rows.Max(x => x.PinnedBytes);
            var atSize = rows.Where(x => x.PinnedBytes == size).OrderBy(held).ToList();
            DensityRow least = atSize[^1], most = atSize[0];
            double perTiB = (double)(held(least) - held(most)) / size * (1L << 40);
            total++;
            passed += perTiB >= 1L << 30 ? 1 : 0;
            figures.Add($"{r.ScenarioNames.Short(scenario)} {Cells.Bytes((long)size)} {what}: {most.Encoding} {Cells.Bytes(held(most))} to {least.Encoding} {Cells.Bytes(held(least))}");
        }
        static long WithDmaList(DensityRow x) =>
            x.AllocatedBytes!.Value + (x.Dma.FirstOrDefault(d => d.Mapper == "iommu" && d.Supported)?.AllocatedBytes ?? 0);
        foreach (string scenario in new[] { "rdma-4k", "rdma-thp" })
        {
            var swept = r.Sweep.Where(x => x.Scenario == scenario && s_proposals.Contains(x.Encoding)).ToList();
            Judge(scenario, swept.Where(x => x.Supported).ToList(), x => x.AllocatedBytes!.Value, "CPU list");
            // A proposal that cannot hold the list at the largest size (physvec past one kmalloc) is named, not dropped silently.
            ulong largest = swept.Select(x => x.PinnedBytes).DefaultIfEmpty().Max();
            foreach (DensityRow refused in swept.Where(x => x.PinnedBytes == largest && !x.Supported))
                figures.Add($"{r.ScenarioNames.Short(scenario)} {Cells.Bytes((long)largest)}: {refused.Encoding} cannot hold it ({refused.Reason})");
            Judge(scenario, r.Density.Where(x => x.Scenario == scenario && x.Supported && s_proposals.Contains(x.Encoding) && x.Dma.Any(d => d.Mapper == "iommu")).ToList(),
                WithDmaList, "with its DMA list");
        }
        return new("C2", claim, "Gunthorpe, Phyr Starter, Jan 2022", criterion, Figures(figures, $"needs the footprint sweep ({BatchResults.SweepFileName})"), Verdict(passed, total));
    }

    static ClaimResult C3(BatchResults r)
    {
        const string claim = "A variable-sized entry holds common RDMA lists in 8 bytes per folio; a fixed 16-byte entry makes them 2x bigger";
        const string criterion = "phyr16 bytes/page over rlist bytes/page at least 1.7 on rdma-4k and rdma-thp";
        var figures = new List<string>();
        int passed = 0, total = 0;
        foreach (string scenario in new[] { "rdma-4k", "rdma-thp" })
        {
            if (Largest(r, "phyr16", scenario) is not { Supported: true, BytesPerPage: { } phyr } row
                || Largest(r, "rlist", scenario) is not { Supported: true, BytesPerPage: { } rlist } || rlist == 0)
                continue;
            total++;
            passed += phyr / rlist >= 1.7 ? 1 : 0;
            figures.Add($"{At(r, row)}: phyr16 {Cells.Number(phyr)}, rlist {Cells.Number(rlist)} B/page ({Cells.Ratio(phyr / rlist)})");
        }
        return new("C3", claim, "Gunthorpe, Aug 2023", criterion, Figures(figures, "needs rdma-4k or rdma-thp density"), Verdict(passed, total));
    }

    /// <summary>
    /// Measured: phyr16 and physvec are both 16 bytes and merge runs alike but for the length field (u32 against
    /// size_t), so the entries phyr16 has beyond physvec's are what the 32-bit length costs, priced at 16 B each. Where
    /// physvec cannot hold a list (several providers, more vecs than one kmalloc), rlist (28-bit page count or 36-bit
    /// length, merging alike) stands in.
    /// </summary>
    static ClaimResult C4(BatchResults r)
    {
        const string claim = "An address, a 32-bit length and flags fit 16 bytes on 64-bit";
        const string criterion = "the entries a u32 length adds (phyr16's beyond physvec's, the same 16 bytes with a size_t length; rlist's where "
            + "physvec cannot hold the list) cost under 0.01 B per pinned page, on every page list; measured at the largest size of each";
        var figures = new List<string>();
        int passed = 0, total = 0, same = 0;
        foreach (string scenario in Scenarios(r))
        {
            if (Largest(r, "phyr16", scenario) is not { Supported: true, Entries: { } phyr } row)
                continue;
            DensityRow? wide = new[] { "physvec", "rlist" }.Select(e => Largest(r, e, scenario))
                .FirstOrDefault(x => x is { Supported: true, Entries: not null } && x.PinnedBytes == row.PinnedBytes);
            if (wide is null)
                continue;
            long entries = wide.Entries!.Value;
            double perPage = 16.0 * Math.Max(0, phyr - entries) / row.Pages;
            total++;
            passed += perPage < 0.01 ? 1 : 0;
            if (phyr != entries)
                figures.Add($"{At(r, row)}: phyr16 {phyr} entries with a u32 length, {wide.Encoding} {entries} with a wider one, +{Cells.Number(perPage)} B/page");
            else
                same++;
        }
        if (same > 0)
            figures.Add(same == total
                ? $"phyr16 makes as many entries as a 64-bit length on all {total} page lists: the u32 length splits none"
                : $"as many entries on the {same} other page lists");
        return new("C4", claim, "Hellwig, Aug 2023", criterion, Figures(figures, "needs phyr16 and physvec or rlist density"), Verdict(passed, total));
    }

    static ClaimResult C5(BatchResults r)
    {
        const string claim = "The fixed 16-byte form is simpler and faster than the variable-sized form";
        string criterion = $"phyr16 faster than rlist by more than this batch's separation threshold ({Change.Percent(r.SeparationThreshold)}, from its own noise) for Build, Iterate and DmaMap:iommu, on results only";
        var figures = new List<string>();
        int passed = 0, total = 0;
        foreach (string operation in new[] { "Build", "Iterate", "DmaMap:iommu" })
        {
            var changes = r.PageLists
                .Select(l => (Phyr: r.Result(operation, "phyr16", l), Rlist: r.Result(operation, "rlist", l)))
                .Where(x => x.Phyr is not null && x.Rlist is not null)
                .Select(x => r.Compare(x.Rlist!, x.Phyr!)).ToList();
            if (changes.Count == 0)
                continue;
            int faster = changes.Count(c => c.Kind == ChangeKind.Faster);
            total += changes.Count;
            passed += faster;
            figures.Add($"{operation}: faster on {faster} of {changes.Count}, phyr16/rlist {string.Join(", ", changes.Select(c => Cells.Ratio(c.Ratio)))}");
        }
        return new("C5", claim, "Gunthorpe, Aug 2023", criterion, Figures(figures, "needs phyr16 and rlist cases that are results"), Verdict(passed, total));
    }

    /// <summary>Shown for the batch's own lists (no device limits) and for the same lists built and mapped within pci-default's.</summary>
    static ClaimResult C6(BatchResults r)
    {
        const string claim = "With a competent IOMMU, dma_address and dma_length are unused by all but the first scatterlist entry";
        const string criterion = "after the iommu mapper the scatterlist fills one dma_address/dma_length/dma_flags triple per DMA segment: "
            + "the claim holds on a page list without P2P where segments are at most 1% of entries, the rest 16 B unused each; "
            + "judged under no device limits and within pci-default's (64K segments, 4G boundary)";
        var figures = new List<string>();
        int passed = 0, total = 0;
        var devices = new List<(string Device, IReadOnlyList<DensityRow> Rows)> { ("unlimited", r.Density) };
        devices.AddRange(r.DeviceDensity.Select(d => (d.Key, d.Value)));
        foreach ((string device, IReadOnlyList<DensityRow> rows) in devices)
        {
            foreach (DensityRow row in rows.Where(x => x.Encoding == "scatterlist" && x.Supported && !IsP2P(x.Scenario)))
            {
                if (row.Dma.FirstOrDefault(d => d.Mapper == "iommu") is not { Supported: true, Segments: { } segments } || row.Entries is not { } entries)
                    continue;
                total++;
                passed += segments <= Math.Max(1, entries / 100) ? 1 : 0;
                figures.Add($"{At(r, row)} ({device}): {segments} of {entries} entries used, {Cells.Bytes(16 * (entries - segments))} unused");
            }
        }
        return new("C6", claim, "Wilcox, Jan 2022", criterion, Figures(figures, "needs scatterlist density with the iommu mapper"), Verdict(passed, total));
    }

    static ClaimResult C7(BatchResults r)
    {
        const string claim = "With P2PDMA even a competent IOMMU needs several dma_addr/dma_len pairs (and a flag) per transaction";
        const string criterion = "more than one DMA segment from the p2p mapper (IOVA for RAM, flagged bus addresses for BARs) on P2P page lists; "
            + "shown per RAM/BAR transition, and which DMA outputs cannot carry the bus-address flag";
        var figures = new List<string>();
        int passed = 0, total = 0;
        foreach (var list in r.Density.Where(x => x.Supported && IsP2P(x.Scenario)).GroupBy(x => (x.Scenario, x.PinnedBytes)))
        {
            var segments = list.Select(x => (x.Encoding, Segments: x.Dma.FirstOrDefault(d => d.Mapper == "p2p") is { Supported: true, Segments: { } n } ? n : -1))
                .Where(x => x.Segments >= 0).ToList();
            if (segments.Count == 0)
                continue;
            total++;
            passed += segments.All(x => x.Segments > 1) ? 1 : 0;
            string perTransition = list.First().OwnerChanges is > 0 and { } changes
                ? $" for {changes} RAM/BAR transitions: " + string.Join(", ", segments.Select(x => x.Segments).Distinct().Select(n => $"{Cells.Number((double)n / changes)}"))
                    + " per transition"
                : "";
            figures.Add($"{At(r, list.First())}: " + string.Join(", ", segments.GroupBy(x => x.Segments).Select(g => $"{g.Key} segments ({string.Join(", ", g.Select(x => x.Encoding))})"))
                + perTransition);
            var flagless = list.Where(x => x.Dma.FirstOrDefault(d => d.Mapper == "p2p") is { Supported: false, Reason: { } why }
                && why.Contains("bus address", StringComparison.Ordinal)).Select(x => x.Encoding).ToList();
            if (flagless.Count > 0)
                figures.Add($"DMA outputs that refused the bus addresses: {string.Join(", ", flagless)} (why: the n/a section)");
        }
        return new("C7", claim, "Logan Gunthorpe, Jan 2022", criterion, Figures(figures, "needs a P2P scenario (p2p-mixed) mapped by p2p"), Verdict(passed, total));
    }

    static ClaimResult C8(BatchResults r)
    {
        const string claim = "Chaining lets the scatterlist hold huge lists without vmalloc; a replacement must keep that";
        const string criterion = "at the largest swept size, scatterlist's largest allocation is at most 4 KiB; encodings above 4 MiB (the buddy allocator's largest block) need vmalloc";
        var rows = r.Sweep.Where(x => x.Supported && x.LargestAllocationBytes is not null).ToList();
        if (rows.Count == 0)
            return new("C8", claim, "Gunthorpe, Jan 2022", criterion, $"not measured: needs the footprint sweep ({BatchResults.SweepFileName})", NotMeasured);
        ulong size = rows.Max(x => x.PinnedBytes);
        var largest = rows.Where(x => x.PinnedBytes == size).GroupBy(x => x.Encoding)
            .Select(g => (Encoding: g.Key, Bytes: g.Max(x => x.LargestAllocationBytes!.Value))).ToList();
        var sg = largest.Where(x => x.Encoding == "scatterlist").ToList();
        var vmalloc = largest.Where(x => x.Bytes > 4L << 20).Select(x => x.Encoding).ToList();
        // An unchained array that refuses the list outright (physvec past one kmalloc) is named, not dropped.
        var cannot = r.Sweep.Where(x => !x.Supported && x.PinnedBytes == size && !largest.Any(l => l.Encoding == x.Encoding))
            .Select(x => x.Encoding).Distinct().ToList();
        string figure = $"at {Cells.Bytes((long)size)}: " + string.Join(", ", largest.Select(x => $"{x.Encoding} {Cells.Bytes(x.Bytes)}"))
            + (vmalloc.Count > 0 ? $"; needs vmalloc: {string.Join(", ", vmalloc)}" : "; none needs vmalloc")
            + (cannot.Count > 0 ? $"; cannot hold it at all: {string.Join(", ", cannot)} (refused; the footprint section says why)" : "");
        return new("C8", claim, "Gunthorpe, Jan 2022", criterion, figure, sg.Count == 0 ? NotMeasured : Verdict(sg.Count(x => x.Bytes <= 4096), 1));
    }

    /// <summary>
    /// By construction for order8 and rlist (their DMA output describes an identity mapping by the input, and a linear
    /// IOVA as one entry), so a design property, not a measurement; the other encodings' DMA outputs are shown beside.
    /// </summary>
    static ClaimResult C9(BatchResults r)
    {
        const string claim = "With no IOMMU, dma map can return the input list itself; with a linear IOMMU mapping, a one-entry list";
        const string criterion = "a design property of order8 and rlist (checked: their DMA output adds 0 B under direct and has one entry under "
            + "iommu on page lists without P2P); the other encodings' DMA outputs under direct and iommu are shown for comparison";
        var figures = new List<string>();
        int passed = 0, total = 0;
        foreach (var list in r.Density.Where(x => x.Supported && !IsP2P(x.Scenario)).GroupBy(x => (x.Scenario, x.PinnedBytes)))
        {
            var outputs = new List<string>();
            foreach (DensityRow row in list)
            {
                if (row.Dma.FirstOrDefault(d => d.Mapper == "direct") is not { Supported: true, AllocatedBytes: { } direct }
                    || row.Dma.FirstOrDefault(d => d.Mapper == "iommu") is not { Supported: true, Entries: { } iommuEntries, AllocatedBytes: { } iommuBytes })
                    continue;
                if (EncodingRegistry.TryFind(row.Encoding)?.OutputTraits.HasFlag(DmaOutputTraits.IdentityByInput) == true)
                {
                    total++;
                    passed += direct == 0 && iommuEntries == 1 ? 1 : 0;
                }
                outputs.Add($"{row.Encoding} +{Cells.Bytes(direct)}/{iommuEntries} ({Cells.Bytes(iommuBytes)})");
            }
            if (outputs.Count > 0)
                figures.Add($"{At(r, list.First())}, direct bytes/iommu entries: {string.Join(", ", outputs)}");
        }
        string verdict = total == 0 ? NotMeasured : passed == total ? DesignProperty : DoesNotHold;
        return new("C9", claim, "Gunthorpe, Jan 2022", criterion, Figures(figures, "needs density with the direct and iommu mappers"), verdict);
    }

    static ClaimResult C10(BatchResults r)
    {
        const string claim = "rlist 512-byte chunks hold 63/31/21 entries of 8/16/24 bytes; scatterlist 4 KiB chunks cost 32.25 B/entry";
        const string criterion = "bytes per entry of full chunks, measured by the batch from lists of one entry size each (chunks.json), within 1% of the quoted figure";
        if (r.ChunkFill.Count == 0)
            return new("C10", claim, "rlist prototype, lib/rlist.c", criterion, $"not measured: needs {ChunkFillFile.FileName}, which a run writes", NotMeasured);
        int passed = r.ChunkFill.Count(c => Math.Abs(c.BytesPerEntry / c.QuotedBytesPerEntry - 1) <= 0.01);
        string figures = string.Join("; ", r.ChunkFill.Select(c => $"{c.Encoding} {c.EntryBytes} B ({c.EntryForm}): {Cells.Number(c.BytesPerEntry)} B/entry, quoted {Cells.Number(c.QuotedBytesPerEntry)}"));
        return new("C10", claim, "rlist prototype, lib/rlist.c", criterion, figures, Verdict(passed, r.ChunkFill.Count));
    }

    /// <summary>
    /// What the claim counts, from the density rows' page-table work under the iommu mapper (biovec mapped as the block
    /// layer maps it), and the timing as results only.
    /// </summary>
    static ClaimResult C11(BatchResults r)
    {
        const string claim = "Iterating bio_vecs straight into an IOMMU update is one call per bio_vec and one radix walk";
        string criterion = $"biovec's DmaMap:iommu time per page is the fastest or not separable from it at {Change.Percent(r.SeparationThreshold)}, "
            + "on results only; the page-table work of each encoding's iommu mapping (map calls, PTEs written, walks from the root) is shown beside";
        var figures = new List<string>();
        int passed = 0, total = 0;
        foreach (var list in r.Density.Where(x => x.Supported).GroupBy(x => (x.Scenario, x.PinnedBytes)))
        {
            var work = list.Select(x => (x.Encoding, x.Entries, Dma: x.Dma.FirstOrDefault(d => d.Mapper == "iommu")))
                .Where(x => x.Dma is { Supported: true, MapCalls: not null }).ToList();
            if (work.Count == 0)
                continue;
            // Shown, not judged: one map call per physically contiguous run is how every mapper here writes the table.
            figures.Add($"{At(r, list.First())} map calls/PTEs/walks: "
                + string.Join(", ", work.Select(x => $"{x.Encoding} {x.Dma!.MapCalls}/{x.Dma.PtesWritten}/{x.Dma.PageTableWalks}")));
        }
        foreach (PageListKey list in r.PageLists)
        {
            if (r.Result(TradeOffSection.MapOperation, "biovec", list) is not { } biovec)
                continue;
            var best = r.Encodings.Where(e => e != "biovec").Select(e => (e, Estimate: r.Result(TradeOffSection.MapOperation, e, list)))
                .Where(x => x.Estimate is not null).OrderBy(x => x.Estimate!.Value).FirstOrDefault();
            if (best.Estimate is null)
                continue;
            Change change = r.Compare(best.Estimate, biovec);
            total++;
            passed += change.Kind is ChangeKind.Same or ChangeKind.Faster ? 1 : 0;
            figures.Add($"{list}: biovec {Cells.Ns(biovec.Value)}/page, best other {best.e} {Cells.Ns(best.Estimate.Value)} ({change.Word})");
        }
        return new("C11", claim, "Gunthorpe, Jul 2024", criterion, Figures(figures, "needs density with the iommu mapper, or DmaMap:iommu cases that are results"), Verdict(passed, total));
    }

    /// <summary>
    /// Two halves, judged apart, from the density rows' page-table work. The first (one window, one link per range,
    /// one sync) is checked per page list for every encoding that stores ranges, an unmapped one counting as a
    /// failure. The contrast ("instead of one call per entry") is checked against iommu_dma_map_sg, which itself makes
    /// one iommu_map_nosync per physically contiguous run and one sync per list: the contrast holds only where the
    /// two-step API makes fewer map calls or syncs. hmm_dma_map, which links and syncs per page, is shown. Times
    /// are results only, not judged.
    /// </summary>
    static ClaimResult C12(BatchResults r)
    {
        const string claim = "The two-step DMA API maps a list with one IOVA allocation, one link call per range and one IOTLB sync, instead of one call per entry";
        const string criterion = "two halves, on page lists without P2P. First: every encoding that stores ranges is mapped by iova-link into one window "
            + "(one segment) with one sync and one link call per range (as many as iommu_dma_map_sg's iommu_map_nosync calls, one per physically "
            + "contiguous run). Second, the contrast: iova-link makes fewer map calls or syncs than iommu_dma_map_sg. 'partly' when only the first "
            + "holds. hmm_dma_map (pagearray) links and syncs each page and is shown, not judged; DmaMap:iova-link against DmaMap:iommu as results only";
        var figures = new List<string>();
        int lists = 0, first = 0, contrast = 0;
        foreach (var list in r.Density.Where(x => x.Supported && !IsP2P(x.Scenario)).GroupBy(x => (x.Scenario, x.PinnedBytes)))
        {
            var rows = list.Select(x => (x.Encoding, x.Entries, Link: x.Dma.FirstOrDefault(d => d.Mapper == "iova-link"), Sg: x.Dma.FirstOrDefault(d => d.Mapper == "iommu")))
                .Where(x => x.Link is not null && x.Sg is not null).ToList();
            var ranges = rows.Where(x => EncodingRegistry.TryFind(x.Encoding)?.OutputTraits.HasFlag(DmaOutputTraits.PerPage) != true).ToList();
            if (ranges.Count == 0)
                continue;
            lists++;
            static bool Counted(DmaDensity d) => d is { Supported: true, MapCalls: not null, Syncs: not null };
            first += ranges.All(x => Counted(x.Link!) && Counted(x.Sg!) && x.Link!.Segments == 1 && x.Link.Syncs == 1 && x.Link.MapCalls == x.Sg!.MapCalls) ? 1 : 0;
            contrast += ranges.All(x => Counted(x.Link!) && Counted(x.Sg!) && (x.Link!.MapCalls < x.Sg!.MapCalls || x.Link.Syncs < x.Sg.Syncs)) ? 1 : 0;
            var pairs = rows.Where(x => Counted(x.Link!) && Counted(x.Sg!)).ToList();
            string Work(DmaDensity d) => $"{d.MapCalls}/{d.PtesWritten}/{d.Syncs} calls/PTEs/syncs, {Cells.Count(d.Segments ?? 0, "segment")}, {Cells.Bytes(d.AllocatedBytes ?? 0)} kept";
            figures.Add($"{At(r, list.First())}: " + string.Join(", ", pairs.GroupBy(x => Work(x.Link!)).Select(g => $"iova-link {g.Key} ({string.Join(", ", g.Select(x => x.Encoding))})"))
                + "; iommu_dma_map_sg " + string.Join(", ", pairs.GroupBy(x => $"{x.Sg!.MapCalls}/{x.Sg.PtesWritten}/{x.Sg.Syncs} calls/PTEs/syncs, {Cells.Bytes(x.Sg.AllocatedBytes ?? 0)} kept")
                    .Select(g => $"{g.Key} ({string.Join(", ", g.Select(x => $"{x.Encoding} {x.Entries} entries"))})")));
            var unmapped = ranges.Where(x => !Counted(x.Link!)).Select(x => $"{x.Encoding} ({x.Link!.Reason})").ToList();
            if (unmapped.Count > 0)
                figures.Add($"not mapped by iova-link: {string.Join(", ", unmapped)}");
        }
        foreach (PageListKey list in r.PageLists)
        {
            var changes = r.Encodings.Select(e => (e, Link: r.Result("DmaMap:iova-link", e, list), Sg: r.Result(TradeOffSection.MapOperation, e, list)))
                .Where(x => x.Link is not null && x.Sg is not null).Select(x => (x.e, Change: r.Compare(x.Sg!, x.Link!))).ToList();
            if (changes.Count > 0)
                figures.Add($"{list} iova-link/iommu time: " + string.Join(", ", changes.Select(x => $"{x.e} {Cells.Ratio(x.Change.Ratio)} ({x.Change.Word})")));
        }
        if (lists > 0 && contrast < lists)
            figures.Add("where the calls and syncs are the same, what the two-step API saves is the DMA list kept: the 'kept' figures");
        string verdict = lists == 0 ? NotMeasured
            : first == lists && contrast == lists ? Holds
            : first == 0 ? DoesNotHold
            : Partly;
        return new("C12", claim, "dma_iova_try_alloc/link/sync, v6.16", criterion, Figures(figures, "needs density with the iova-link and iommu mappers"), verdict);
    }

    static string Figures(IReadOnlyList<string> figures, string missing) =>
        figures.Count == 0 ? $"not measured: {missing}" : string.Join("; ", figures);
}
