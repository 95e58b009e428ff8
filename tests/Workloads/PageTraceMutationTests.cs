using System.Diagnostics;
using System.Text;
using BenchSuite.Workloads;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Traces;
using Xunit;

namespace BenchSuite.Tests.Workloads;

/// <summary>
/// The trace parser on 10,000 random mutations of valid traces (bytes flipped, lines cut, repeated or dropped,
/// numbers pushed to their limits, junk and control characters inserted): each ends in a page list whose extents can
/// be walked, or an input error naming the file, never another exception, within a time bound. The seed is printed
/// with any failure, so it replays.
/// </summary>
public sealed class PageTraceMutationTests : IDisposable
{
    const int Mutations = 10_000;
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    static readonly string[] s_limits =
    [
        "0", "1", "18", "19", "127", "128", "4095", "4096", "0xffffffffff", "0x10000000000", "0xfffffffffffff", "0x10000000000000",
        "18446744073709551615", "18446744073709551616", "-1", "0x", "0xg", "1e9", "p2p:0", "p2p:127", "p2p:128", "p2p:", "ram", "",
    ];

    [Fact]
    public void EveryMutationParsesOrIsAnInputError()
    {
        const int seed = 20261201;
        var random = new Random(seed);
        string path = _files.PathOf("mutant.trace");
        var clock = Stopwatch.StartNew();
        int parsed = 0, refused = 0;
        for (int i = 0; i < Mutations; i++)
        {
            string text = Mutate(ValidTrace(random), random);
            File.WriteAllText(path, text);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                PageList list = PageTrace.Open(path);
                ulong pages = 0;
                foreach (Extent e in list.PinnedExtents())
                    pages += e.Pages;
                Assert.Equal(list.Pages, pages);
                parsed++;
            }
            catch (InputException e)
            {
                Assert.StartsWith(path, e.Message);
                Assert.DoesNotContain('\n', e.Message);
                Assert.True(e.Message.Length < 600, $"mutation {i} (seed {seed}): a {e.Message.Length}-character message");
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\n--- trace ---\n{text}");
            }
            // A trace of a few lines costs a few lines of memory, whatever is in them (lines stop at 4096 characters).
            long used = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Assert.True(used < 4 << 20, $"mutation {i} (seed {seed}) allocated {used} bytes");
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{Mutations} mutations took {clock.Elapsed}");
        Assert.True(parsed > Mutations / 20 && refused > Mutations / 20, $"{parsed} parsed, {refused} refused: the mutations should exercise both");
    }

    static string ValidTrace(Random random)
    {
        var text = new StringBuilder("# pagetrace v1\n");
        if (random.Next(3) == 0)
            text.Append("# offset ").Append(random.Next(4096)).Append('\n');
        ulong pfn = (ulong)random.NextInt64(1, 1L << 30);
        int lines = random.Next(1, 12);
        for (int i = 0; i < lines; i++)
        {
            int order = random.Next(4) == 0 ? 9 : 0;
            pfn += (ulong)random.Next(0, 3) << order;
            ulong pages = (ulong)random.Next(1, 20);
            text.Append($"0x{pfn:x} {pages}");
            if (order > 0 || random.Next(2) == 0)
                text.Append(' ').Append(order);
            if (random.Next(8) == 0)
                text.Append(" p2p:").Append(random.Next(1, 3));
            text.Append('\n');
            pfn += pages + (ulong)random.Next(0, 64);
        }
        return text.ToString();
    }

    static string Mutate(string trace, Random random)
    {
        var lines = trace.Split('\n').ToList();
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int line = random.Next(lines.Count);
            switch (random.Next(7))
            {
                case 0: // a byte flipped
                    if (lines[line].Length > 0)
                    {
                        char[] chars = lines[line].ToCharArray();
                        chars[random.Next(chars.Length)] = (char)random.Next(0, 256);
                        lines[line] = new string(chars);
                    }
                    break;
                case 1: // a line cut short
                    lines[line] = lines[line][..random.Next(lines[line].Length + 1)];
                    break;
                case 2: // a line repeated
                    lines.Insert(line, lines[line]);
                    break;
                case 3: // a line dropped
                    lines.RemoveAt(line);
                    if (lines.Count == 0)
                        lines.Add("");
                    break;
                case 4: // a field pushed to a limit
                    string[] fields = lines[line].Split(' ');
                    fields[random.Next(fields.Length)] = s_limits[random.Next(s_limits.Length)];
                    lines[line] = string.Join(' ', fields);
                    break;
                case 5: // a header line, possibly repeated or out of place
                    lines.Insert(line, random.Next(3) switch { 0 => "# length " + s_limits[random.Next(s_limits.Length)], 1 => "# offset " + s_limits[random.Next(s_limits.Length)], _ => "# page_size 4096" });
                    break;
                default: // junk: control characters, an escape sequence, a long token
                    lines.Insert(line, random.Next(3) switch { 0 => "\u001b[2J\u0007", 1 => new string('9', random.Next(1, 6000)), _ => "\0\0\r\t" });
                    break;
            }
        }
        return string.Join('\n', lines);
    }
}
