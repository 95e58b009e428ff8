using BenchSuite.Encodings.Order8;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>
/// Jason Gunthorpe's layout, bit for bit ("Re: Phyr Starter", 11 Jan 2022, 20220111202159.GO2328285@nvidia.com):
/// 51:0 pfn, 56:52 order, 63:62 mode (00 natural order pfn, 8 bytes; 01 order aligned with length, 12 bytes with a
/// u32 "# of order pages").
/// </summary>
public class CountedWordTests
{
    [Theory]
    // An aligned 2 MiB block: mode 00, order 9, 8 bytes.
    [InlineData(0x200UL, 512UL, 0x200UL | 9UL << 52, 0u, 2)]
    // Three pages at a multiple of 8: not one block; order 0, count 3, 12 bytes.
    [InlineData(0x10000UL, 3UL, 0x10000UL | 1UL << 62, 3u, 3)]
    // 6 pages at a multiple of 2: order 1 (both start and length even), count 3.
    [InlineData(0x10002UL, 6UL, 0x10002UL | 1UL << 52 | 1UL << 62, 3u, 3)]
    // The pfn's high bits stay within 51:0.
    [InlineData((1UL << 51) + 1, 1UL, (1UL << 51) + 1, 0u, 2)]
    public void RunsEncodeAsHisBitsSay(ulong pfn, ulong pages, ulong word, uint count, int slots)
    {
        Assert.Equal(word, CountedWord.Encode(pfn, pages, p2p: false, out uint c, out int s));
        Assert.Equal((count, slots), (c, s));
        Assert.Equal(pfn << 12, CountedWord.Address(word));
        Assert.Equal(pages << 12, CountedWord.Bytes(word, c));
        Assert.False(CountedWord.IsEnd(word));
    }

    [Fact]
    public void P2PIsAnUnusedBitAndEndTheFreeMode()
    {
        ulong word = CountedWord.Encode(0x40, 1, p2p: true, out _, out _);
        Assert.True(CountedWord.IsP2P(word));
        Assert.Equal(0x40UL << 12, CountedWord.Address(word));
        Assert.True(CountedWord.IsEnd(CountedWord.End));
        Assert.False(CountedWord.IsCounted(CountedWord.End));
    }
}
