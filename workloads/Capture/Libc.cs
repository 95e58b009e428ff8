using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Capture;

/// <summary>The few libc calls capture needs to own a buffer whose pages it can see: mmap, madvise, munmap.</summary>
internal static partial class Libc
{
    public const int ProtRead = 0x1, ProtWrite = 0x2;
    public const int MapPrivate = 0x02, MapAnonymous = 0x20;
    public const int MadvDontneed = 4, MadvHugepage = 14, MadvNohugepage = 15;   // include/uapi/asm-generic/mman-common.h
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint addr, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int madvise(nint addr, nuint length, int advice);
}
