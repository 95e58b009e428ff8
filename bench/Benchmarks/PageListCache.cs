using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Benchmarks;

/// <summary>
/// Each page list of a batch generated once per process: every case and round on the same list takes the same
/// pages instead of generating (or reading the trace) again. Holds at most <see cref="MaxPages"/> pages in all,
/// dropping the oldest list first.
/// </summary>
public static class PageListCache
{
    /// <summary>128 MiB of <see cref="PinnedPage"/>s: the quick batch's four 1 GiB lists use 8 MiB.</summary>
    const long MaxPages = 16L << 20;

    static readonly object s_lock = new();
    static readonly List<(string Key, PageList Source, PinnedPage[] Pages)> s_lists = [];

    public static (PageList Source, PinnedPage[] Pages) Get(string scenario, ulong lengthBytes, ulong seed)
    {
        string key = $"{scenario}\n{lengthBytes}\n{seed}";
        lock (s_lock)
        {
            int found = s_lists.FindIndex(l => l.Key == key);
            if (found >= 0)
                return (s_lists[found].Source, s_lists[found].Pages);
            PageList source = ScenarioCatalog.Resolve(scenario, lengthBytes, seed);
            PinnedPage[] pages = source.Materialise();
            s_lists.Add((key, source, pages));
            while (s_lists.Count > 1 && s_lists.Sum(l => (long)l.Pages.Length) > MaxPages)
                s_lists.RemoveAt(0);
            return (source, pages);
        }
    }
}
