using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Capture;

/// <summary>
/// A private anonymous mapping, aligned to 2 MiB so THP can back it, advised for or against huge pages, and touched
/// one write per page so every page is faulted in (as GUP with FOLL_WRITE would fault it).
/// </summary>
internal sealed unsafe class AnonymousBuffer : IDisposable
{
    const ulong HugeAlign = 2UL << 20;

    readonly nint _mapping;
    readonly nuint _mappingBytes;

    public AnonymousBuffer(ulong bytes, bool hugePages)
    {
        _mappingBytes = (nuint)(bytes + HugeAlign);
        _mapping = Libc.mmap(0, _mappingBytes, Libc.ProtRead | Libc.ProtWrite, Libc.MapPrivate | Libc.MapAnonymous, -1, 0);
        if (_mapping == Libc.MapFailed)
            throw new InputException($"capture: cannot map {bytes} bytes: {Marshal.GetLastPInvokeErrorMessage()}");
        Address = (ulong)(((long)_mapping + (long)HugeAlign - 1) & ~((long)HugeAlign - 1));
        Bytes = bytes;
        if (Libc.madvise((nint)Address, (nuint)bytes, hugePages ? Libc.MadvHugepage : Libc.MadvNohugepage) != 0)
            throw new InputException($"capture: madvise failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    public ulong Address { get; }
    public ulong Bytes { get; }

    /// <summary>Writes one byte in every page, in address order (the order a first touch faults them in).</summary>
    public void Touch()
    {
        byte* p = (byte*)Address;
        for (ulong offset = 0; offset < Bytes; offset += 4096)
            p[offset] = 1;
    }

    /// <summary>
    /// Gives back a pseudo-random half of the pages, so the allocator's free lists fill with short scattered runs
    /// (freeing every other page would leave only single pages, which no real workload does).
    /// </summary>
    public void ReleaseRandomHalf(ulong seed)
    {
        var random = new Scenarios.SplitMix64(seed);
        for (ulong offset = 0; offset < Bytes; offset += 4096)
        {
            if ((random.Next() & 1) != 0)
                Libc.madvise((nint)(Address + offset), 4096, Libc.MadvDontneed);
        }
    }

    public void Dispose() => Libc.munmap(_mapping, _mappingBytes);
}
