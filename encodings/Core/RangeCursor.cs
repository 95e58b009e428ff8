namespace BenchSuite.Encodings;

/// <summary>
/// Position of a range walk, in the xarray/rlist style: the owning list interprets the fields
/// (<see cref="Entry"/> is the current slot, <see cref="Remaining"/> what is left to yield, <see cref="Position"/>
/// the logical byte offset reached). A plain value, so saving and restoring a position is a copy.
/// </summary>
public unsafe struct RangeCursor
{
    internal byte* Entry;
    internal byte* ChunkEnd;
    internal long Remaining;
    internal ulong Position;
}
