using BenchSuite.Workloads;
using Xunit;

namespace BenchSuite.Tests.Workloads;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("4096", 4096UL)]
    [InlineData("4K", 4096UL)]
    [InlineData("64m", 64UL << 20)]
    [InlineData("1G", 1UL << 30)]
    [InlineData("1T", 1UL << 40)]
    [InlineData(" 3M ", 3UL << 20)]
    public void Parses(string text, ulong bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("K")]
    [InlineData("1.5G")]
    [InlineData("-1M")]
    [InlineData("1P")]
    [InlineData("99999999999T")]
    public void RejectsWithTheTextInTheMessage(string text) =>
        Assert.Contains($"'{text}'", Assert.Throws<InputException>(() => ByteSize.Parse(text, "--sizes")).Message);

    [Theory]
    [InlineData(1UL << 40, "1T")]
    [InlineData(1536UL, "1536")]
    [InlineData(3UL << 20, "3M")]
    public void FormatsShortestExact(ulong bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
