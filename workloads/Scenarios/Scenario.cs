using BenchSuite.Workloads.Memory;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Scenarios;

/// <summary>
/// A named physical layout preset: what it models, where its parameters come from, and a generator that turns
/// (size, seed) into the same page list every time.
/// </summary>
public sealed class Scenario(string name, string description, string calibration, LayoutModel model)
{
    /// <summary>RAM above the x86 PCI hole starts at 4 GiB (PFN 0x100000); generated PFNs start there by default.</summary>
    public const ulong DefaultBasePfn = 0x100000;

    /// <summary>Where generated BARs sit: CPU physical 16 TiB, above any RAM these scenarios place.</summary>
    public const ulong BarBasePfn = 1UL << 32;

    public const int P2PProvider = 1;

    public string Name { get; } = name;

    /// <summary>One line for <c>list</c>.</summary>
    public string Description { get; } = description;

    /// <summary>What the parameters were measured from, or why they are what they are.</summary>
    public string Calibration { get; } = calibration;

    public LayoutModel Model { get; } = model;

    public PageList Create(ulong lengthBytes, ulong seed, ulong basePfn = DefaultBasePfn)
    {
        if (lengthBytes == 0)
            throw new InputException($"{Name}: size must be at least one byte");
        BarWindow? bar = Model.HasP2P
            ? new BarWindow(P2PProvider, BarBasePfn, Encodings.Page.PagesSpanned(Model.FirstOffset, lengthBytes))   // room for every page
            : null;
        return new PageList(Name, Model.FirstOffset, lengthBytes, bar is { } b ? [b] : [],
            () => new LayoutGenerator(Model, seed, basePfn, bar));
    }
}
