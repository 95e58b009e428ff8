using System.Globalization;

namespace BenchSuite.Workloads;

/// <summary>Sizes as people type them: <c>4096</c>, <c>4K</c>, <c>64M</c>, <c>1G</c>, <c>1T</c> (binary multiples).</summary>
public static class ByteSize
{
    /// <summary>No list or limit is larger than the physical address space the suite models (4 PiB).</summary>
    public const ulong MaxBytes = Traces.PageTraceFormat.MaxPfnExclusive << Encodings.Page.Shift;

    public static ulong Parse(string text, string what = "size", bool allowZero = false)
    {
        string t = text.Trim();
        int shift = t.Length == 0 ? 0 : char.ToUpperInvariant(t[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        string digits = shift == 0 ? t : t[..^1];
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) || (n == 0 && !allowZero))
            throw new InputException($"{what} '{text}' is not a positive size (a number with optional K, M, G or T)");
        if (n > MaxBytes >> shift)
            throw new InputException($"{what} '{text}' is larger than the {Traces.PageTraceFormat.PhysicalAddressBits}-bit physical address space the suite models (4 PiB)");
        return n << shift;
    }

    /// <summary>The shortest exact spelling: 1073741824 → "1G", 1536 → "1536".</summary>
    public static string Format(ulong bytes)
    {
        foreach ((int shift, char suffix) in new[] { (40, 'T'), (30, 'G'), (20, 'M'), (10, 'K') })
        {
            if (bytes >= 1UL << shift && bytes % (1UL << shift) == 0)
                return $"{bytes >> shift}{suffix}";
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
