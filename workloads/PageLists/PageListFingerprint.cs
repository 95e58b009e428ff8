using System.Buffers.Binary;
using System.Security.Cryptography;

namespace BenchSuite.Workloads.PageLists;

/// <summary>
/// What a page list is, in 16 hex digits: SHA-256 of its first offset, its length and every extent GUP pins (PFN,
/// pages, folio order, provider), in order. Two lists with the same fingerprint give every encoding the same input; a
/// trace rewritten in place, or a scenario generator changed between commits, gives another, so a resumed batch
/// can tell that its remaining cases would time a different input under the old ids.
/// </summary>
public static class PageListFingerprint
{
    public static string Of(PageList list)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> words = stackalloc byte[4 * sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(words, list.FirstOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(words[8..], list.LengthBytes);
        hash.AppendData(words[..16]);
        foreach (Extent e in list.PinnedExtents())
        {
            BinaryPrimitives.WriteUInt64LittleEndian(words, e.Pfn);
            BinaryPrimitives.WriteUInt64LittleEndian(words[8..], e.Pages);
            BinaryPrimitives.WriteUInt64LittleEndian(words[16..], (ulong)e.FolioOrder);
            BinaryPrimitives.WriteUInt64LittleEndian(words[24..], (ulong)e.Provider);
            hash.AppendData(words);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
