using BenchSuite.Encodings.Internal;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;
using BenchSuite.Encodings.Order8;
using BenchSuite.Encodings.PageArray;
using BenchSuite.Encodings.Phyr16;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings.Scatterlist;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>Entry and header structs match DESIGN.md §3 and the kernel headers byte for byte.</summary>
public sealed unsafe class LayoutTests
{
    static void AssertLayout<T>(int size, params (string Field, int Offset)[] fields) where T : unmanaged
    {
        Assert.Equal(size, sizeof(T));
        Assert.Equal(size, Unsafe.SizeOf<T>());
        foreach ((string field, int offset) in fields)
            Assert.True(offset == (int)Marshal.OffsetOf<T>(field), $"{typeof(T).Name}.{field} at {Marshal.OffsetOf<T>(field)}, expected {offset}");
    }

    [Fact]
    public void Scatterlist() => AssertLayout<Scatterlist>(32,
        ("PageLink", 0), ("Offset", 8), ("Length", 12), ("DmaAddress", 16), ("DmaLength", 24), ("DmaFlags", 28));

    [Fact]
    public void SgAppendTable() => AssertLayout<SgAppendTable>(32,
        ("Sgl", 0), ("Nents", 8), ("OrigNents", 12), ("Prv", 16), ("TotalNents", 24));

    [Fact]
    public void PhyrEntry() => AssertLayout<PhyrEntry>(16, ("Addr", 0), ("Len", 8), ("Flags", 12));

    [Fact]
    public void BioVec() => AssertLayout<BioVec>(16, ("BvPage", 0), ("BvLen", 8), ("BvOffset", 12));

    [Fact]
    public void Headers()
    {
        AssertLayout<Phyr16Header>(16, ("First", 0), ("Nents", 8));
        AssertLayout<Order8Header>(24, ("First", 0), ("LengthBytes", 8), ("Nents", 16), ("FirstOffset", 20));
        AssertLayout<PageArrayHeader>(24, ("Pages", 0), ("NrPages", 8), ("FirstOffset", 12), ("LengthBytes", 16));
        AssertLayout<Bio>(32, ("Next", 0), ("Vecs", 8), ("Vcnt", 16), ("MaxVecs", 18), ("Size", 20), ("GapMask", 24));
    }

    [Fact]
    public void EntryBytesOfEachEncoding()
    {
        Assert.Equal(32, SgTable.EntryBytes);
        Assert.Equal(16, Phyr16List<Len32, Chunks>.EntryBytes);
        Assert.Equal(8, Order8List<Chunks>.EntryBytes);
        Assert.Equal(8, RlistList<Chunk512>.EntryBytes);
        Assert.Equal(8, PageArrayList.EntryBytes);
        Assert.Equal(16, BioChain.EntryBytes);
        Assert.Equal(126, RlistList<Chunk512>.ChunkSlots);
    }

    [Fact]
    public void ScatterlistBitsFollowTheKernel()
    {
        var sg = new Scatterlist();
        sg.SetPage(Page.PointerOf(0x1234), 100, 8);
        sg.MarkEnd();
        Assert.True(sg.IsLast);
        Assert.False(sg.IsChain);
        Assert.Equal(Page.PointerOf(0x1234), sg.PagePointer);
        Assert.Equal(0x1234UL * 4096 + 8, sg.Phys);
        sg.SetPage(Page.PointerOf(0x99), 1, 0);   // sg_set_page keeps END
        Assert.True(sg.IsLast);
    }

    [Theory]
    [InlineData(0x0000_7f12_3456_7008UL)]
    [InlineData(0x0000_7f12_3456_7ff8UL)]
    [InlineData(0x0000_0000_0000_1000UL)]
    public void Order8ChainWordKeepsAnyEightByteAlignedPointer(ulong pointer)
    {
        ulong word = Order8Entry.Chain(pointer);
        Assert.True(Order8Entry.IsChain(word));
        Assert.False(Order8Entry.IsExtended(word));
        Assert.False(Order8Entry.IsP2P(word));
        Assert.Equal(pointer, Order8Entry.ChainPtr(word));
    }

    [Fact]
    public void Order8BlockWords()
    {
        ulong word = Order8Entry.Block(0x2_0000_0000, 9, p2p: true);
        Assert.Equal(9, Order8Entry.Order(word));
        Assert.Equal(2UL << 20, Order8Entry.BlockBytes(word));
        Assert.True(Order8Entry.IsP2P(word));
        Assert.Equal(0x2_0000_0000UL, Order8Entry.Address(word));
        Assert.Equal(9, Order8Entry.LargestBlockOrder(0x200, 0x400));
        Assert.Equal(0, Order8Entry.LargestBlockOrder(0x201, 0x400));
        Assert.Equal(2, Order8Entry.LargestBlockOrder(0, 7));
    }

    /// <summary>lib/rlist_kunit.c simple_test, plus the derived size examples of kernel-facts §10.8.</summary>
    [Theory]
    [InlineData(10UL, 10UL, 0u, 0u, 8)]
    [InlineData(4294967296UL, 4096UL, 0u, 0u, 16)]
    [InlineData(10UL, 268435456UL, 0u, 0u, 16)]
    [InlineData(10UL, 10UL, 1u, 0u, 16)]
    [InlineData(10UL, 10UL, 16777216u, 0u, 24)]
    [InlineData(10UL, 68719476736UL, 0u, 0u, 24)]
    [InlineData(10UL, 10UL, 0u, 1u, 24)]
    public void RlistEntryRoundTrips(ulong @base, ulong length, uint offset, uint extra, int bytes)
    {
        var entry = new RlistEntry(0, length, @base, offset, extra);
        int slots = RlistCodec.SlotsFor(entry);
        Assert.Equal(bytes, slots * 4);
        uint* buffer = stackalloc uint[6];
        RlistCodec.Write(buffer, entry, slots);
        Assert.Equal(slots, RlistCodec.Read(buffer, out RlistEntry back));
        Assert.Equal(entry, back);
        Assert.False(RlistCodec.IsEndPad(buffer));
    }
}
