namespace BenchSuite.Encodings;

/// <summary>
/// The x86-64 page model every encoding shares: 4 KiB pages and a vmemmap of 64-byte
/// <c>struct page</c>s, so a page pointer is <c>VmemmapBase + pfn * 64</c> and its low six bits are free.
/// </summary>
public static class Page
{
    public const int Shift = 12;
    public const int Size = 1 << Shift;
    public const ulong OffsetMask = Size - 1;

    /// <summary>x86-64 <c>VMEMMAP_START</c> with 4-level paging (Documentation/arch/x86/x86_64/mm.rst).</summary>
    public const ulong VmemmapBase = 0xffffea0000000000;

    /// <summary><c>sizeof(struct page)</c> on x86-64.</summary>
    public const int StructPageBytes = 64;

    public static ulong PointerOf(ulong pfn) => VmemmapBase + pfn * StructPageBytes;

    public static ulong PfnOf(ulong pagePointer) => (pagePointer - VmemmapBase) / StructPageBytes;

    public static ulong PhysOf(ulong pfn) => pfn << Shift;

    /// <summary>
    /// The page of a buffer that begins at logical byte <paramref name="position"/> (0 or a page boundary of the data):
    /// the first starts <paramref name="firstOffset"/> into its page, the last is cut by <paramref name="lengthBytes"/>.
    /// Returns the bytes it holds.
    /// </summary>
    public static ulong BytesOfPageAt(ulong position, uint firstOffset, ulong lengthBytes, out ulong offsetInPage)
    {
        offsetInPage = position == 0 ? firstOffset : 0;
        return Math.Min(Size - offsetInPage, lengthBytes - position);
    }

    /// <summary>Pages touched by <paramref name="lengthBytes"/> bytes that start <paramref name="offsetInPage"/> into the first page.</summary>
    public static ulong PagesSpanned(uint offsetInPage, ulong lengthBytes) =>
        lengthBytes == 0 ? 0 : (offsetInPage + lengthBytes + OffsetMask) >> Shift;
}
