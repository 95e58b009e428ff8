using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics.X86;
using System.Runtime.InteropServices;
using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Batch;

/// <summary>Reads what <c>environment.json</c> records: the machine, the runtime, and the commit being measured.</summary>
public static class EnvironmentProbe
{
    public static EnvironmentFile Capture(BatchFile batch, string commandLine) => new(
        EnvironmentFile.CurrentSchema,
        Cpu(),
        CpuMHz(),
        Environment.ProcessorCount,
        MemoryBytes(),
        Hypervisor(),
        RuntimeInformation.OSDescription,
        ReadLine("/proc/sys/kernel/osrelease"),
        $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}",
        typeof(BenchmarkDotNet.Running.BenchmarkRunner).Assembly.GetName().Version?.ToString(3) ?? "unknown",
        "in-process (BenchmarkDotNet InProcessEmitToolchain), one run per case",
        GitCommit(),
        GitDirty(),
        batch.Profile,
        batch.Options,
        batch.Job,
        [Session(commandLine)]);

    public static BatchSession Session(string commandLine) => new(DateTimeOffset.UtcNow, GitCommit(), GitDirty(), commandLine, LoadAverage(), null);

    /// <summary>The one-minute load average (<c>/proc/loadavg</c>), null where there is none.</summary>
    public static double? LoadAverage() =>
        ReadLine("/proc/loadavg")?.Split(' ')[0] is { } first && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;

    static string Cpu() => CpuInfo("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    static double? CpuMHz() =>
        double.TryParse(CpuInfo("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out double mhz) ? mhz : null;

    /// <summary>The first value of <paramref name="key"/> in <c>/proc/cpuinfo</c>.</summary>
    static string? CpuInfo(string key)
    {
        const string path = "/proc/cpuinfo";
        return File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
    }

    static long? MemoryBytes()
    {
        const string path = "/proc/meminfo";
        string? total = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return total?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, { } kib, "kB"] && long.TryParse(kib, out long k) ? k * 1024 : null;
    }

    /// <summary>
    /// The hypervisor's signature from CPUID leaf 0x40000000 ("KVMKVMKVM", "Microsoft Hv", ...), read only when leaf 1
    /// says one is present (ECX bit 31); "none" on bare metal; null off x86.
    /// </summary>
    static string? Hypervisor()
    {
        if (!X86Base.IsSupported)
            return null;
        if ((X86Base.CpuId(1, 0).Ecx & (1 << 31)) == 0)
            return "none";
        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0x4000_0000, 0);
        Span<byte> signature = stackalloc byte[12];
        BitConverter.TryWriteBytes(signature, ebx);
        BitConverter.TryWriteBytes(signature[4..], ecx);
        BitConverter.TryWriteBytes(signature[8..], edx);
        string name = System.Text.Encoding.ASCII.GetString(signature).TrimEnd('\0').Trim();
        return name switch
        {
            "KVMKVMKVM" => "KVM",
            "Microsoft Hv" => "Hyper-V",
            "VMwareVMware" => "VMware",
            "XenVMMXenVMM" => "Xen",
            "TCGTCGTCGTCG" => "QEMU TCG",
            "" => "unknown hypervisor",
            _ => name,
        };
    }

    static string? ReadLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    static string? GitCommit() => Git("rev-parse HEAD")?.Trim();

    static bool? GitDirty() => Git("status --porcelain --untracked-files=no") is { } status ? status.Length > 0 : null;

    /// <summary>Asks git about the tree the benchmark binaries were built from; null when there is no git or no tree.</summary>
    static string? Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
