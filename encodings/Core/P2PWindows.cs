using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings;

/// <summary>
/// The PFN windows owned by P2P providers (device BARs with ZONE_DEVICE pages).
/// Encodings that keep only a page pointer or a P2P bit learn the provider here, as the kernel reads
/// <c>page-&gt;pgmap</c>; encodings that store a provider id do not need it.
/// </summary>
public sealed class P2PWindows
{
    public static readonly P2PWindows None = new([]);

    readonly Window[] _windows;

    public P2PWindows(IEnumerable<Window> windows)
    {
        _windows = windows.OrderBy(w => w.FirstPfn).ToArray();
        for (int i = 0; i < _windows.Length; i++)
        {
            Window w = _windows[i];
            if (w.Provider is < 1 or > PinnedPage.MaxProvider) throw new ArgumentException($"provider {w.Provider} must be 1..{PinnedPage.MaxProvider}");
            if (w.Pages == 0) throw new ArgumentException($"window of provider {w.Provider} is empty");
            if (i > 0 && _windows[i - 1].FirstPfn + _windows[i - 1].Pages > w.FirstPfn)
                throw new ArgumentException($"windows of providers {_windows[i - 1].Provider} and {w.Provider} overlap");
        }
    }

    public IReadOnlyList<Window> Windows => _windows;

    /// <summary>
    /// Provider owning <paramref name="pfn"/>, or 0 for RAM: a linear scan of a handful of windows, inlined whole, so a
    /// list with no BARs pays one test per entry, as the kernel's <c>is_pci_p2pdma_page</c> compiles to an inline test
    /// of the page's zone and pgmap. Not a call: a call in a walk's loop, even one never taken, leaves the JIT short
    /// of callee-saved registers and puts the walk's running values on the stack for the whole loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ProviderOf(ulong pfn)
    {
        Window[] windows = _windows;
        for (int i = 0; i < windows.Length; i++)
        {
            if (pfn - windows[i].FirstPfn < windows[i].Pages)
                return windows[i].Provider;
        }
        return 0;
    }

    public readonly record struct Window(ulong FirstPfn, ulong Pages, int Provider);
}
