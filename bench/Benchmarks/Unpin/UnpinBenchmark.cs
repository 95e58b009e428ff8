using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;
using BenchSuite.Workloads.Memory;

namespace BenchSuite.Bench.Benchmarks.Unpin;

/// <summary>
/// Unpins the list against the <c>struct page</c> model, walking it as the kernel walks that kind of list
/// (<see cref="Gup.Unpin{TList}"/>): per range and folio for merged lists, per page for the page array. Returns the
/// folio releases made.
/// <para>
/// Setup pins the pages once and checks that one unpin restores every refcount. While timed, the counts keep
/// falling past zero: the model frees nothing at zero, and the work of a release does not depend on the value.
/// </para>
/// </summary>
public class UnpinBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    PhysicalMemory? _memory;

    protected override void SetUpOperation()
    {
        _memory = PhysicalMemory.For(Source);
        ulong unpinned = _memory.CountsDigest();
        Gup.Pin(_memory, Pages);
        Check(_memory.CountsDigest() != unpinned, "pinning changed no refcount");
        Check(Unpin() > 0, "unpin released nothing");
        Check(_memory.CountsDigest() == unpinned, "unpin did not restore every refcount and pincount that pin raised");
    }

    [Benchmark]
    public long Unpin() => Gup.Unpin(_memory!, List);

    protected override void CleanUpOperation() => _memory?.Dispose();
}
