namespace BenchSuite.Encodings;

/// <summary>Why an encoding cannot represent an input. Data, not a failure: reports show it as "n/a: reason".</summary>
public enum RefusalReason
{
    None,
    /// <summary>max_segment rounds down below one page (<c>sg_alloc_append_table_from_pages</c> returns -EINVAL).</summary>
    MaxSegmentBelowPage,
    /// <summary>An interior range boundary is not page aligned, and the entry format can only describe whole pages.</summary>
    SubPageGap,
    /// <summary>A value exceeds a field and the format has no way to split or extend it.</summary>
    FieldOverflow,
    /// <summary>A DMA result stored in place needs more entries than the list has.</summary>
    DmaOutputOverflow,
    /// <summary>A DMA output or consumer cannot describe what the mapping produced (a bus address, a boundary inside a page).</summary>
    DmaNotRepresentable,
    /// <summary>An entry longer than the device's max_segment: mappers map entries whole (<c>dma_map_sg</c> never splits one).</summary>
    EntryLongerThanSegment,
    /// <summary>A consumer that addresses memory in fixed pages (an NVMe PRP list) got a segment boundary inside a page.</summary>
    InteriorBoundaryUnaligned,
    /// <summary>The pages belong to more than one provider and the list has one provider for all its entries (phys_vec).</summary>
    MixedProviders,
}

public readonly record struct Refusal(string Encoding, RefusalReason Reason, string Detail)
{
    public static readonly Refusal None = default;

    /// <summary>What every builder that honours the device's max_segment answers when it rounds down below a page.</summary>
    public static Refusal BelowOnePage(string encoding) =>
        new(encoding, RefusalReason.MaxSegmentBelowPage, "max_segment rounds down below one page (-EINVAL)");
    public override string ToString() => $"{Encoding}: {Detail}";
}

/// <summary>Thrown by the convenience build helpers when an encoding refuses its input.</summary>
public sealed class EncodingRefusedException(Refusal refusal) : Exception(refusal.ToString())
{
    public Refusal Refusal { get; } = refusal;
}
