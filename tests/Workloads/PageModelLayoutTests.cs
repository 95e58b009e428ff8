using System.Runtime.CompilerServices;
using BenchSuite.Encodings;
using BenchSuite.Workloads.Memory;
using Xunit;

namespace BenchSuite.Tests.Workloads;

public sealed class PageModelLayoutTests
{
    static int OffsetOf<T, TField>(ref T owner, ref TField field) =>
        (int)Unsafe.ByteOffset(ref Unsafe.As<T, byte>(ref owner), ref Unsafe.As<TField, byte>(ref field));

    /// <summary>struct page and the folio's second page at the kernel's offsets (include/linux/mm_types.h, x86-64).</summary>
    [Fact]
    public void StructPageAndFolioFieldsSitAtKernelOffsets()
    {
        Assert.Equal(Page.StructPageBytes, Unsafe.SizeOf<StructPage>());
        Assert.Equal(Page.StructPageBytes, Unsafe.SizeOf<FolioSecondPage>());
        var p = new StructPage();
        Assert.Equal(
            [0, 8, 24, 32, 40, 48, 52, 56],
            new[] { OffsetOf(ref p, ref p.Flags), OffsetOf(ref p, ref p.CompoundHead), OffsetOf(ref p, ref p.Mapping), OffsetOf(ref p, ref p.Index),
                    OffsetOf(ref p, ref p.Private), OffsetOf(ref p, ref p.MapCount), OffsetOf(ref p, ref p.RefCount), OffsetOf(ref p, ref p.MemcgData) });
        var f = new FolioSecondPage();
        Assert.Equal(
            [0, 8, 16, 20, 24, 28, 32],
            new[] { OffsetOf(ref f, ref f.Flags1), OffsetOf(ref f, ref f.Head1), OffsetOf(ref f, ref f.LargeMapCount), OffsetOf(ref f, ref f.EntireMapCount),
                    OffsetOf(ref f, ref f.NrPagesMapped), OffsetOf(ref f, ref f.PinCount), OffsetOf(ref f, ref f.FolioNrPages) });
    }

    [Fact]
    public void CatalogNamesAreTheEncodingsOwnNames()
    {
        foreach (string name in EncodingRegistry.Names)
            Assert.Equal(name, EncodingRegistry.Visit(name, new NameOf()));
    }

    sealed class NameOf : IEncodingVisitor<string>
    {
        public string Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList> => TList.Name;
    }
}
